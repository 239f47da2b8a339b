#ifndef IIJQ_TERMINAL_SHIM_H
#define IIJQ_TERMINAL_SHIM_H

/// Signal flags and terminal queries for the shell, in C because a signal handler
/// may only touch `volatile sig_atomic_t` and `ioctl` is variadic.

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that only record the signal.
/// They are installed without `SA_RESTART`, so a blocking read returns with `EINTR`.
void iijq_signals_install(void);
/// Whether SIGINT arrived since the last call to `iijq_signals_clear_interrupt`.
int iijq_signals_interrupted(void);
void iijq_signals_clear_interrupt(void);
/// The terminating signal received (SIGTERM or SIGHUP), or 0.
int iijq_signals_termination(void);

/// The width of the terminal on `fd` in columns, or 0 when it is not a terminal.
int iijq_terminal_columns(int fd);
/// Starts `/bin/sh -c command` (a pager) reading a new pipe; sets `*input` to the pipe's writing
/// end (close-on-exec) and returns the child's pid, or -1 when it cannot be started.
int iijq_spawn_pager(const char *command, int *input);

/// The height of the terminal on `fd` in rows, or 0 when it is not a terminal.
int iijq_terminal_rows(int fd);

#endif
