#define _XOPEN_SOURCE 700
#include "TempFileShim.h"
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 8

static char paths[SLOTS][PATH_MAX];
static volatile sig_atomic_t used[SLOTS];

/// Removes every registered file, then dies of the signal as it would have.
static void cleanup(int signo) {
    for (int i = 0; i < SLOTS; i++) {
        if (used[i]) unlink(paths[i]);
    }
    signal(signo, SIG_DFL);
    raise(signo);
}

static void install(int signo) {
    struct sigaction current;
    if (sigaction(signo, NULL, &current) != 0 || current.sa_handler != SIG_DFL) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cleanup;
    sigemptyset(&action.sa_mask);
    sigaction(signo, &action, NULL);
    /* A parent may have blocked it (a test harness does); the file must still be removed. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signo);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int iijq_tempfile_register(const char *path) {
    if (strlen(path) >= PATH_MAX) return -1;
    install(SIGINT);
    install(SIGTERM);
    install(SIGHUP);
    for (int i = 0; i < SLOTS; i++) {
        if (used[i]) continue;
        strcpy(paths[i], path);
        used[i] = 1;
        return i;
    }
    return -1;
}

void iijq_tempfile_forget(int slot) {
    if (slot >= 0 && slot < SLOTS) used[slot] = 0;
}
