/*
 * `selfeval ingest`: extract, parse and load in one process for every
 * file named or found in the folders named. Each source is written in its
 * own transaction; a file that fails at any stage is recorded in the
 * archive's failure table and named on stderr, and the batch goes on.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "archive.h"
#include "cli.h"
#include "commands.h"
#include "extract.h"
#include "parse.h"
#include "provenance.h"
#include "status.h"

static const char usage_text[] =
    "usage: selfeval ingest [-q] [--password PW] [--templates DIR] DB PATH...\n"
    "\n"
    "Extract, parse and load every PATH into the archive DB: files as\n"
    "named, folders recursively (their *.pdf and *.txt files). Each source\n"
    "is loaded in its own transaction. A file that fails is named on\n"
    "stderr and recorded in the failure table, and the others go on; the\n"
    "exit status is non-zero if any file failed.\n"
    "\n"
    "  --password PW    password for encrypted PDFs\n"
    "  --templates DIR  form families from DIR/*.tmpl\n"
    "  -q, --quiet      no summary line (failures are still named)\n";

struct ingest {
	struct archive *a;
	struct parser *P;
	struct extract_opts xo;
	int files, reports, failed, last_status;
	bool quiet;
};

static gboolean
wanted(const char *name)
{
	return g_str_has_suffix(name, ".pdf") || g_str_has_suffix(name, ".PDF") ||
	    g_str_has_suffix(name, ".txt") || g_str_has_suffix(name, ".TXT");
}

/* g_ptr_array_sort hands the comparator pointers to the elements. */
static gint
by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files under path, in a stable order; explicit files are always taken. */
static void
walk(const char *path, gboolean top, GPtrArray *files)
{
	GDir *d;
	GPtrArray *names;
	const char *n;

	if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
		if (top || wanted(path))
			g_ptr_array_add(files, g_strdup(path));
		return;
	}
	if ((d = g_dir_open(path, 0, NULL)) == NULL) {
		g_ptr_array_add(files, g_strdup(path));	/* fails when read */
		return;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((n = g_dir_read_name(d)) != NULL)
		if (n[0] != '.')
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(d);
	g_ptr_array_sort(names, by_name);
	for (guint i = 0; i < names->len; i++) {
		char *sub = g_build_filename(path, names->pdata[i], NULL);
		walk(sub, FALSE, files);
		g_free(sub);
	}
	g_ptr_array_free(names, TRUE);
}

static void
record_failure(struct ingest *in, const char *path, const char *sha,
    const char *stage, GError *error)
{
	GError *e = NULL;
	int status = error && error->domain == SE_ERROR ? error->code : SE_FAIL;

	se_warnx("ingest", "%s: %s", path, error ? error->message : "failed");
	if (archive_begin(in->a, &e) != SE_OK ||
	    archive_fail(in->a, path, sha, stage, status,
	    error ? error->message : "failed", &e) != SE_OK ||
	    archive_commit(in->a, &e) != SE_OK) {
		archive_rollback(in->a);
		se_warnx("ingest", "%s: cannot record the failure: %s", path,
		    e->message);
		g_clear_error(&e);
	}
	g_clear_error(&error);
	in->failed++;
	in->last_status = status;
}

static char *
header_sha(const GString *text)
{
	struct provenance p;
	const char *nl = memchr(text->str, '\n', text->len);
	char *sha = NULL;

	if (nl && prov_read(text->str, nl - text->str, &p, NULL)) {
		sha = g_strdup(p.sha256);
		prov_clear(&p);
	}
	return sha;
}

static void
ingest_file(struct ingest *in, const char *path)
{
	GString *text = g_string_new(NULL), *records = g_string_new(NULL);
	GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
	GError *error = NULL;
	char *sha = NULL;
	int n = 0;

	in->files++;
	if (extract_file(path, &in->xo, text, warnings, &error) != SE_OK) {
		record_failure(in, path, NULL, "extract", error);
		goto out;
	}
	for (guint i = 0; i < warnings->len; i++)
		se_warnx("ingest", "%s: %s", path, (char *)warnings->pdata[i]);
	sha = header_sha(text);
	if (parser_run(in->P, path, text->str, text->len, records, &n,
	    &error) != SE_OK) {
		record_failure(in, path, sha, "parse", error);
		goto out;
	}
	if (archive_begin(in->a, &error) != SE_OK ||
	    archive_load(in->a, records->str, records->len, &n, &error) !=
	    SE_OK || archive_commit(in->a, &error) != SE_OK) {
		archive_rollback(in->a);
		record_failure(in, path, sha, "load", error);
		goto out;
	}
	in->reports += n;
out:
	g_free(sha);
	g_ptr_array_free(warnings, TRUE);
	g_string_free(text, TRUE);
	g_string_free(records, TRUE);
}

int
cmd_ingest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "password", required_argument, NULL, 'p' },
		{ "templates", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ingest in = { 0 };
	const char *tdir = NULL;
	GError *error = NULL;
	GPtrArray *files;
	int c, status;

	while ((c = getopt_long(argc, argv, "hq", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			in.xo.password = optarg;
			break;
		case 'q':
			in.quiet = true;
			break;
		case 't':
			tdir = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return SE_OK;
		default:
			fputs(usage_text, stderr);
			return SE_USAGE;
		}
	}
	if (argc - optind < 2) {
		fputs(usage_text, stderr);
		return SE_USAGE;
	}
	if ((in.P = parser_new(tdir, &error)) == NULL)
		return se_fail("ingest", tdir ? tdir : "templates", error);
	if ((in.a = archive_open(argv[optind], &error)) == NULL) {
		parser_free(in.P);
		return se_fail("ingest", argv[optind], error);
	}
	files = g_ptr_array_new_with_free_func(g_free);
	for (int i = optind + 1; i < argc; i++)
		walk(argv[i], TRUE, files);
	for (guint i = 0; i < files->len; i++)
		ingest_file(&in, files->pdata[i]);
	if (!in.quiet)
		se_warnx("ingest", "%d file%s, %d report%s, %d failed", in.files,
	    in.files == 1 ? "" : "s", in.reports, in.reports == 1 ? "" : "s",
	    in.failed);
	/* One file: its own reason; several: "some failed". */
	status = in.failed == 0 ? SE_OK : in.files == 1 ? in.last_status :
	    SE_FAIL;
	g_ptr_array_free(files, TRUE);
	archive_close(in.a);
	parser_free(in.P);
	return status;
}
