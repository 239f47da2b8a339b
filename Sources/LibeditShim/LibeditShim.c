#include <errno.h>
#include "LibeditShim.h"

EditLine *iijq_el_init(const char *prog) { return el_init(prog, stdin, stdout, stderr); }
void iijq_el_end(EditLine *el) { el_end(el); }
int iijq_el_set_prompt(EditLine *el, iijq_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
int iijq_el_set_int(EditLine *el, int op, int value) { return el_set(el, op, value); }
int iijq_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
int iijq_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }

void *iijq_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

int iijq_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }

int iijq_el_add_function(EditLine *el, const char *name, const char *help, iijq_key_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

int iijq_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}

int iijq_el_bind_alternate(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, "-a", key, function, NULL);
}

const char *iijq_el_get_editor(EditLine *el) {
    const char *mode = NULL;
    if (el_get(el, EL_EDITOR, &mode) != 0) return NULL;
    return mode;
}

int iijq_el_settc(EditLine *el, const char *capability, const char *value) {
    return el_set(el, EL_SETTC, capability, value, NULL);
}

static iijq_read_hook read_hook = NULL;

/// libedit's reader with the hook in front: the builtin reader is put back for one `el_wgetc`,
/// which finds no pushed-back input (the caller already looked) and so reads through it.
static int hooked_read(EditLine *el, wchar_t *cp) {
    if (read_hook) read_hook(el);
    el_set(el, EL_GETCFN, EL_BUILTIN_GETCFN);
    int n = el_wgetc(el, cp);
    int saved = errno; /* EINTR tells Ctrl-C from the end of input */
    el_set(el, EL_GETCFN, hooked_read);
    errno = saved;
    return n;
}

int iijq_el_set_read_hook(EditLine *el, iijq_read_hook hook) {
    read_hook = hook;
    return el_set(el, EL_GETCFN, hooked_read);
}

int iijq_el_source(EditLine *el, const char *file) { return el_source(el, file); }

History *iijq_history_init(void) { return history_init(); }
void iijq_history_end(History *h) { history_end(h); }

int iijq_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

int iijq_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

int iijq_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

int iijq_history_load(History *h, const char *file) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, file);
}

int iijq_history_save(History *h, const char *file) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, file);
}

int iijq_history_clear(History *h) {
    HistEvent ev;
    return history(h, &ev, H_CLEAR);
}

int iijq_history_length(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) < 0) return 0;
    return ev.num;
}

const char *iijq_history_next_oldest(History *h, int first) {
    HistEvent ev;
    int rc = first ? history(h, &ev, H_LAST) : history(h, &ev, H_PREV);
    return rc < 0 ? NULL : ev.str;
}
