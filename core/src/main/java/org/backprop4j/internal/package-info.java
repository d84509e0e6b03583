/**
 * Plumbing shared by the packages of core and not part of the API: the checked system properties.
 * Not exported by the module; nothing here is stable.
 */
package org.backprop4j.internal;
