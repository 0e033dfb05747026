#include <getopt.h>
#include <stdio.h>

#include "archive.h"
#include "cli.h"
#include "commands.h"
#include "status.h"

static const char usage_text[] =
    "usage: selfeval load DB [FILE|-]\n"
    "\n"
    "Load the JSON Lines that `selfeval parse` wrote into the SQLite archive\n"
    "DB, creating it or upgrading its schema first. Values are normalized\n"
    "(money to fen, percentages, ISO dates), audit checks run on every\n"
    "report, and the whole input is written in one transaction: on any\n"
    "error nothing is written. A source loaded again replaces its rows.\n";

int
cmd_load(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = "-";
	GError *error = NULL;
	struct archive *a;
	char *data;
	size_t len;
	int c, n, status;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1)
		return se_usage(usage_text, c == 'h');
	if (argc - optind < 1 || argc - optind > 2)
		return se_usage(usage_text, false);
	if (argc - optind == 2)
		path = argv[optind + 1];
	if (!se_read_input(path, &data, &len, &error))
		return se_fail("load", path, error);
	if ((a = archive_open(argv[optind], &error)) == NULL) {
		g_free(data);
		return se_fail("load", argv[optind], error);
	}
	status = archive_begin(a, &error);
	if (status == SE_OK)
		status = archive_load(a, data, len, &n, &error);
	if (status == SE_OK)
		status = archive_commit(a, &error);
	if (status != SE_OK) {
		archive_rollback(a);
		status = se_fail("load", path, error);
	} else if (n == 0) {
		se_warnx("load", "%s: no records", path);
		status = SE_EMPTY;
	}
	archive_close(a);
	g_free(data);
	return status;
}
