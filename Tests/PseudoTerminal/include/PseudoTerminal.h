#ifndef IIJQ_PSEUDO_TERMINAL_H
#define IIJQ_PSEUDO_TERMINAL_H

#include <sys/types.h>

/// Opens a pseudo-terminal of `rows` × `columns` and spawns `path` with `argv` and `envp` in a
/// new session on it, so the terminal is its controlling terminal (Ctrl-C raises SIGINT).
/// Returns the master side's descriptor and sets `*pid`, or returns -1 with errno set.
int iijq_pty_spawn(const char *path, char *const argv[], char *const envp[],
                   unsigned short rows, unsigned short columns, pid_t *pid);

/// Sets the size of the pseudo-terminal whose master side is `master`, as a resized window does:
/// the shell on it gets SIGWINCH. Returns 0, or -1 with errno set.
int iijq_pty_resize(int master, unsigned short rows, unsigned short columns);

#endif
