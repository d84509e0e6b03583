package org.backprop4j.cli;

import javax.imageio.ImageIO;

/** Sets up image writing for the plots: no display needed, and no temporary cache files. */
final class Png {
    private Png() {
    }

    /**
     * Runs AWT headless and makes ImageIO encode in memory: with its default file cache, a failed
     * write (a full disk) left a cache stream whose shutdown-hook closer printed a NullPointerException.
     */
    static void prepare() {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false);
    }
}
