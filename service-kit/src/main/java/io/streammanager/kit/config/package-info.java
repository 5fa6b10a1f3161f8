/**
 * Configuration is data: the seed's environment variables (and a {@code .env} file) are read into
 * records, every value checked where it is defined, and every problem reported at once, naming the
 * variable, the bad value and what is allowed.
 */
package io.streammanager.kit.config;
