/**
 * Plumbing shared by the packages of core and not part of the API: the checked {@code backprop4j.*}
 * system properties and the one JSON reader and writer. Not exported by the module; nothing here is stable.
 */
package org.backprop4j.internal;
