// snowlite-bench-spawn: the measuring parent of one benchmark process, started by snowlite-bench
// (bench/Runner/Spawn.swift) as `snowlite-bench-spawn PROGRAM ARGUMENTS…` with a report file open
// on descriptor 3. It starts PROGRAM with posix_spawn (standard streams, environment and working
// folder inherited), writes `pid N`, reaps it with wait4 and writes one line:
//
//     status S wall SECONDS user SECONDS system SECONDS maxrss KIB
//
// Why a parent of its own: Linux charges a child's ru_maxrss with the peak RSS of the address space
// it had when it called execve. A posix_spawn child shares its parent's, so every child of the
// Swift runner (20–30 MB itself) would report at least the runner's own peak, and sqlite3 (4 MB)
// would look as big as it. This program's peak is about 1 MB, below anything it measures. Its own
// exec is outside the figures: the wall time is taken here, around posix_spawn and wait4.
//
// SIGINT and SIGTERM are passed on to PROGRAM. The exit status is 0 once the line is written
// (PROGRAM's own status is in it), 127 when PROGRAM could not be started or reaped.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static volatile sig_atomic_t child = 0;

static void forward(int number) {
    if (child > 0) kill((pid_t)child, number);
}

static double seconds(struct timeval value) { return (double)value.tv_sec + (double)value.tv_usec / 1e6; }

int main(int argc, char **argv) {
    FILE *report = fdopen(3, "w");
    if (argc < 2 || report == NULL) {
        fprintf(stderr, "usage: snowlite-bench-spawn PROGRAM [ARGUMENT…] 3>REPORT\n");
        return 127;
    }
    fcntl(3, F_SETFD, FD_CLOEXEC);

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = forward;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid;
    int error = posix_spawn(&pid, argv[1], NULL, &attributes, argv + 1, environ);
    if (error != 0) {
        fprintf(report, "error cannot start %s: %s\n", argv[1], strerror(error));
        fclose(report);
        return 127;
    }
    child = pid;
    fprintf(report, "pid %d\n", (int)pid);
    fflush(report);

    int status = 0;
    struct rusage usage;
    pid_t reaped;
    while ((reaped = wait4(pid, &status, 0, &usage)) == -1 && errno == EINTR) {}
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (reaped != pid) {
        fprintf(report, "error cannot reap %s: %s\n", argv[1], strerror(errno));
        fclose(report);
        return 127;
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    double wall = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    fprintf(report, "status %d wall %.9f user %.6f system %.6f maxrss %ld\n", code, wall, seconds(usage.ru_utime),
            seconds(usage.ru_stime), usage.ru_maxrss);
    fclose(report);
    return 0;
}
