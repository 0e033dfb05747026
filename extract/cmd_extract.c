#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "extract.h"
#include "status.h"

static const char usage_text[] =
    "usage: selfeval extract [--password PW] [--grid-png DIR] [--max-cells N]\n"
    "                        FILE...\n"
    "\n"
    "Write the text of each FILE (a PDF, or a text file in UTF-8, UTF-16\n"
    "with BOM or GB18030) to standard output as UTF-8. Each text starts\n"
    "with a provenance header line (#selfeval-extract {path, sha256, bytes,\n"
    "pages, producer}); pages are separated by form feeds; a table row is\n"
    "one line with its cells separated by TAB. A file that fails is named\n"
    "on stderr and the others go on.\n"
    "\n"
    "  --password PW   password of an encrypted PDF\n"
    "  --grid-png DIR  draw each page with its detected table grid into\n"
    "                  DIR/page-N.png (one FILE)\n"
    "  --max-cells N   refuse workbooks of more than N cells (default\n"
    "                  500000)\n";

static int
extract_one(const char *path, const struct extract_opts *opts)
{
	GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
	GString *out = g_string_new(NULL);
	GError *error = NULL;
	int status;

	status = extract_file(path, opts, out, warnings, &error);
	for (guint i = 0; i < warnings->len; i++)
		se_warnx("extract", "%s: %s", path, (char *)warnings->pdata[i]);
	if (status != SE_OK)
		status = se_fail("extract", path, error);
	else if (!se_write_stdout(out->str, out->len)) {
		se_warnx("extract", "standard output: write failed");
		status = SE_IO;
	}
	g_ptr_array_free(warnings, TRUE);
	g_string_free(out, TRUE);
	return status;
}

int
cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "password", required_argument, NULL, 'p' },
		{ "grid-png", required_argument, NULL, 'g' },
		{ "max-cells", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct extract_opts opts = { .max_cells = EXTRACT_MAX_CELLS };
	char *end;
	int c, status;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			opts.password = optarg;
			break;
		case 'g':
			opts.grid_png_dir = optarg;
			break;
		case 'C':
			opts.max_cells = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || opts.max_cells < 0) {
				se_warnx("extract", "--max-cells needs a number, "
				    "not '%s'", optarg);
				return SE_USAGE;
			}
			break;
		default:
			return se_usage(usage_text, c == 'h');
		}
	}
	if (argc - optind < 1 || (opts.grid_png_dir && argc - optind > 1))
		return se_usage(usage_text, false);
	status = SE_OK;
	for (int i = optind; i < argc; i++) {
		int st = extract_one(argv[i], &opts);
		/* One file: its own reason; several: "some failed". */
		if (st != SE_OK)
			status = argc - optind == 1 ? st : SE_FAIL;
	}
	return status;
}
