#ifndef IIJQ_LIBEDIT_SHIM_H
#define IIJQ_LIBEDIT_SHIM_H

/// Non-variadic wrappers around libedit's variadic `el_set`, `el_get` and `history`,
/// which Swift cannot call directly.

#include <histedit.h>
#include <stdio.h>

#include "TerminalShim.h"
#include "TempFileShim.h"

typedef struct editline EditLine;
typedef struct history History;

/// Prompt callback: returns the prompt to draw.
typedef char *(*iijq_prompt_fn)(EditLine *);
/// Key-bound function callback (for example Tab completion).
typedef unsigned char (*iijq_key_fn)(EditLine *, int);

/// `el_init(prog, stdin, stdout, stderr)`: the standard streams come from the C side,
/// because Swift 6 considers the globals not concurrency-safe.
EditLine *iijq_el_init(const char *prog);
void iijq_el_end(EditLine *el);
int iijq_el_set_prompt(EditLine *el, iijq_prompt_fn fn);
/// Sets an integer option such as `EL_SIGNAL` or `EL_EDITMODE`.
int iijq_el_set_int(EditLine *el, int op, int value);
/// Sets the editor: "emacs" or "vi".
int iijq_el_set_editor(EditLine *el, const char *mode);
int iijq_el_set_clientdata(EditLine *el, void *data);
void *iijq_el_get_clientdata(EditLine *el);
int iijq_el_set_history(EditLine *el, History *h);
int iijq_el_add_function(EditLine *el, const char *name, const char *help, iijq_key_fn fn);
int iijq_el_bind(EditLine *el, const char *key, const char *function);
/// Binds `key` in vi mode's command map (`bind -a`).
int iijq_el_bind_alternate(EditLine *el, const char *key, const char *function);
/// The editor's mode, "emacs" or "vi", or NULL.
const char *iijq_el_get_editor(EditLine *el);
/// Sets a terminal capability (`settc`), such as "dc" to "" so libedit does not use it.
int iijq_el_settc(EditLine *el, const char *capability, const char *value);
/// Called before libedit reads each character, between editing commands.
typedef void (*iijq_read_hook)(EditLine *);
/// Makes libedit call `hook` before it reads each character (its own reader still reads), so the
/// line can be observed before each editing command. One hook for the process.
int iijq_el_set_read_hook(EditLine *el, iijq_read_hook hook);
/// Reads `~/.editrc` (or `$EDITRC`); NULL for the default file.
int iijq_el_source(EditLine *el, const char *file);

History *iijq_history_init(void);
void iijq_history_end(History *h);
int iijq_history_set_size(History *h, int size);
int iijq_history_set_unique(History *h, int unique);
int iijq_history_enter(History *h, const char *line);
int iijq_history_load(History *h, const char *file);
int iijq_history_save(History *h, const char *file);
int iijq_history_clear(History *h);
/// Number of entries in the history.
int iijq_history_length(History *h);
/// Walks the history from the oldest entry (`first != 0`) to the newest; NULL at the end.
const char *iijq_history_next_oldest(History *h, int first);

#endif
