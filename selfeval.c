/*
 * bin/selfeval: performance self-evaluation forms into a SQLite archive.
 * One table of subcommands, as in git.c; each stage is a library with a
 * thin command on top.
 */
#include <stdbool.h>
#include <glib.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "hugepage.h"
#include "status.h"

#define VERSION "0.1"
#define KEEP_MB 256	/* freed memory a process keeps for its next file */
#define HEAP_MB 192	/* the heap a reader starts with, in huge pages */

static const struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
	bool reads;		/* runs extract's readers */
} commands[] = {
	{ "extract", cmd_extract, "PDF, scan or text file to UTF-8 text, tables as TAB rows", true },
	{ "parse", cmd_parse, "extracted text to JSON Lines, one report each", false },
	{ "load", cmd_load, "JSON Lines into the SQLite archive", false },
	{ "ingest", cmd_ingest, "extract, parse and load files and folders", true },
	{ "export", cmd_export, "the archive as an XLSX workbook or CSV, for auditors", false },
	{ "merge", cmd_merge, "archives built apart (shards) into one", false },
	{ "dump", cmd_dump, "the archive as JSON, one line per source", false },
	{ "templates", cmd_templates, "list the form families parse knows", false },
};

/*
 * libgsf warns on stderr about each damaged OLE2 directory it meets; the
 * reader says what it could not read in its own one line.
 */
static void
quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

static void
usage(FILE *f)
{
	fputs("usage: selfeval COMMAND [ARGS]\n\ncommands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n`selfeval COMMAND --help` describes each. Exit status: 0 ok,\n"
	    "1 some files failed, 2 usage, 3 unreadable, 4 empty, 5 not a PDF,\n"
	    "6 damaged PDF, 7 encrypted, 8 unknown encoding, 9 no form,\n"
	    "10 no text layer, 11 archive error, 12 bad record, 13 limit hit,\n"
	    "14 interrupted, 15 a format extract does not read.\n", f);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return SE_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return SE_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("selfeval %s\n", VERSION);
		return SE_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			/*
			 * A page's buffers and a report's rows are freed and
			 * allocated again for every file: kept by malloc, not
			 * returned to the kernel, they cost no page faults
			 * (a fifth of the archive writer's time in ingest).
			 */
			mallopt(M_MMAP_THRESHOLD, 32 << 20);
			mallopt(M_TRIM_THRESHOLD, KEEP_MB << 20);
			if (commands[i].reads) {
				/*
				 * A scan's page images and Tesseract's
				 * models are a couple of hundred MB: in
				 * 4 KB pages 57,000 faults on a one-page
				 * scan, a sixth of its CPU here.
				 */
				heap_in_huge_pages(HEAP_MB);
				g_log_set_handler("libgsf:msole", G_LOG_LEVEL_WARNING |
				    G_LOG_LEVEL_MESSAGE, quiet, NULL);
			}
			return commands[i].fn(argc - 1, argv + 1);
		}
	fprintf(stderr, "selfeval: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return SE_USAGE;
}
