/*
 * What every subcommand does the same way: one-line diagnostics in the
 * form "selfeval CMD: FILE: reason", and reading a whole input.
 */
#ifndef SE_CLI_H
#define SE_CLI_H

#include <glib.h>
#include <stdbool.h>

/* Print line and a newline to stderr, its control characters escaped (\n). */
void se_put_line(const char *line);

/* Print "selfeval cmd: message" to stderr, as one line. */
void se_warnx(const char *cmd, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/*
 * Report a failed file ("selfeval cmd: file: reason"), free the error,
 * and return its status for the exit code.
 */
int se_fail(const char *cmd, const char *file, GError *error);

/* Read a file, or standard input for "-", whole. */
bool se_read_input(const char *path, char **data, size_t *len,
    GError **error);

/*
 * Print a command's usage: to stdout when the user asked (--help, exit 0),
 * to stderr when the command line was wrong (exit 2). Returns the status.
 */
int se_usage(const char *text, bool asked);

/* Write all of buf to standard output; false on a write error. */
bool se_write_stdout(const char *buf, size_t len);

#endif
