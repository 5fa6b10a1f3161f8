/**
 * Pictures from clients, checked before they are decoded: type from the bytes, size from the
 * header.
 */
package io.streammanager.kit.pictures;
