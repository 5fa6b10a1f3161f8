/** Sounds from clients, recognised by their bytes: which FFmpeg demuxer alone may read them. */
package io.streammanager.kit.sounds;
