#ifndef IIJQ_TEMP_FILE_SHIM_H
#define IIJQ_TEMP_FILE_SHIM_H

/// Temporary files removed when SIGINT, SIGTERM or SIGHUP kills the process, in C because
/// only a C signal handler may call `unlink` safely.

/// Remembers `path` (at most 8 at a time) so a terminating signal removes it, and installs the
/// handler for each of the three signals whose disposition is still the default (a shell that
/// records signals itself is not killed by them, and removes its files as it goes on), unblocking
/// them if a parent blocked them.
/// Returns the slot, or -1 when all slots are taken (the file is then only removed normally).
int iijq_tempfile_register(const char *path);

/// Forgets the slot `iijq_tempfile_register` gave (the file was renamed or removed).
void iijq_tempfile_forget(int slot);

#endif
