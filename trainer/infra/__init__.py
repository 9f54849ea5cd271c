"""What every part stands on, without Qt: where files live (paths), atomic writes (fileio), the
log, progress and cancel, hot reload's decisions (watching), pausing the garbage collector
during bulk builds, and the settings table."""
