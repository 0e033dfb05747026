#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "detect.h"
#include "extract.h"
#include "ocr.h"
#include "pdf.h"
#include "status.h"

static const char usage_text[] =
    "usage: selfeval extract [--password PW] [--ocr auto|always|never]\n"
    "                        [--grid-png DIR] [--max-cells N] FILE...\n"
    "\n"
    "Write the text of each FILE (a PDF, a scan as PNG, JPEG or TIFF, an\n"
    "HTML page, an XLSX, XLS, DOCX or DOC file (DOC through LibreOffice),\n"
    "or a text file in UTF-8, UTF-16 with BOM or GB18030; the format is\n"
    "told by content, not by name) to standard output as UTF-8; a sheet of\n"
    "a workbook is a page. Scanned pages are read through OCR. Each text\n"
    "starts with a provenance header line (#selfeval-extract {path, sha256,\n"
    "bytes, pages, producer}); pages are separated by form feeds; a table\n"
    "row is one line with its cells separated by TAB. A file that fails is\n"
    "named on stderr and the others go on.\n"
    "\n"
    "  --password PW   password of an encrypted PDF\n"
    "  --ocr MODE      auto: OCR the pages without usable text (default);\n"
    "                  always: every page; never: refuse scans\n"
    "  --grid-png DIR  draw each page with its detected table grid into\n"
    "                  DIR/page-N.png (one FILE)\n"
    "  --max-cells N   refuse workbooks (and Word tables) of more than N\n"
    "                  cells (default 500000)\n";

/* --grid-png draws a PDF page's rules; other formats have none. */
static void
grid_note(const char *path)
{
	GMappedFile *mf = g_mapped_file_new(path, FALSE, NULL);
	enum doc_format f;

	if (mf == NULL)
		return;		/* extract names the error */
	f = detect_format(g_mapped_file_get_contents(mf),
	    g_mapped_file_get_length(mf));
	if (f != FMT_PDF && f != FMT_IMAGE && g_mapped_file_get_length(mf) > 0)
		se_warnx("extract", "%s: --grid-png has no meaning for this "
		    "format (%s: no page geometry); no PNG written", path, detect_name(f));
	g_mapped_file_unref(mf);
}

static int
extract_one(const char *path, const struct extract_opts *opts)
{
	GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
	GString *out = g_string_new(NULL);
	GError *error = NULL;
	int status;

	status = extract_file(path, NULL, opts, out, warnings, &error);
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
		{ "ocr", required_argument, NULL, 'o' },
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
		case 'o':
			if (!extract_ocr_mode(optarg, &opts.ocr)) {
				se_warnx("extract", "--ocr takes auto, always or "
				    "never, not '%s'", optarg);
				return SE_USAGE;
			}
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
	if (opts.grid_png_dir != NULL)
		grid_note(argv[optind]);
	opts.engine = ocr_engine_new();
	opts.keeper = pdf_keeper_new();
	for (int i = optind; i < argc; i++) {
		int st = extract_one(argv[i], &opts);
		/* One file: its own reason; several: "some failed". */
		if (st != SE_OK)
			status = argc - optind == 1 ? st : SE_FAIL;
	}
	ocr_engine_free(opts.engine);
	pdf_keeper_free(opts.keeper);
	return status;
}
