// readline for the REPL; only SnowliteCLI/LineEditor.swift imports this module.
//
// Ctrl-C: readline's own signal handling is turned off and SIGINT gets a handler that only sets a
// flag (async-signal-safe) and is installed without SA_RESTART, so a blocked read() returns EINTR.
// snowlite_getc, readline's input function, then hands readline a newline and the flag tells the
// caller to throw the line away. The process never dies of Ctrl-C at the prompt.
#include <stdio.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

static volatile sig_atomic_t snowlite_interrupted = 0;

static inline void snowlite_on_sigint(int signal_number) {
    (void)signal_number;
    snowlite_interrupted = 1;
}

/// Returns 1 (and clears it) when Ctrl-C was pressed since the last call.
static inline int snowlite_take_interrupt(void) {
    int was = snowlite_interrupted;
    snowlite_interrupted = 0;
    return was;
}

/// readline's input function: one byte from the stream; a newline when Ctrl-C interrupts the read.
static inline int snowlite_getc(FILE *stream) {
    for (;;) {
        unsigned char c;
        ssize_t n = read(fileno(stream), &c, 1);
        if (n == 1) return c;
        if (n == 0) return EOF;
        if (errno == EINTR) {
            if (snowlite_interrupted) return '\n';
            continue;
        }
        return EOF;
    }
}

/// Installs the SIGINT handler and readline's input function. Returns 0 on success.
static inline int snowlite_readline_setup(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = snowlite_on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: read() must return EINTR
    rl_catch_signals = 0;
    rl_getc_function = snowlite_getc;
    return sigaction(SIGINT, &action, NULL);
}
