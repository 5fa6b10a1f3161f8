/**
 * System tests: the four services as separate processes on a real Kafka broker and redis-server,
 * nginx-rtmp as the independent receiver and ffprobe/ffmpeg as the independent judge; plus the
 * module-boundary rules.
 */
package io.streammanager.system;
