#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "parse.h"
#include "provenance.h"
#include "status.h"

static const char usage_text[] =
    "usage: selfeval parse [--templates DIR] [FILE|-]\n"
    "\n"
    "Read what `selfeval extract` wrote (several extracts may follow one\n"
    "another) and write one JSON object per report found, one per line,\n"
    "values as the form wrote them.\n"
    "\n"
    "  --templates DIR  read form families from DIR/*.tmpl instead of the\n"
    "                   built-in ones (also: SELFEVAL_TEMPLATES)\n";

/* Each extract output starts with its header line; parse them one by one. */
static int
parse_all(struct parser *P, const char *name, const char *data, size_t len,
    GString *out)
{
	GArray *cuts = g_array_new(FALSE, FALSE, sizeof(size_t));
	const char *p = data, *end = data + len;
	size_t zero = 0;
	int worst = SE_OK;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		if (prov_is_header(p, end - p)) {
			size_t at = p - data;
			g_array_append_val(cuts, at);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (cuts->len == 0 || g_array_index(cuts, size_t, 0) != 0)
		g_array_prepend_val(cuts, zero);
	for (guint i = 0; i < cuts->len; i++) {
		size_t from = g_array_index(cuts, size_t, i);
		size_t to = i + 1 < cuts->len ?
		    g_array_index(cuts, size_t, i + 1) : len;
		const char *seg = data + from;
		struct provenance prov;
		GError *error = NULL;
		char *label = NULL;
		int n, status;

		if (prov_is_header(seg, to - from)) {
			const char *nl = memchr(seg, '\n', to - from);
			if (prov_read(seg, nl ? (size_t)(nl - seg) : to - from,
			    &prov, NULL)) {
				label = g_strdup(prov.path);
				prov_clear(&prov);
			}
		}
		status = parser_run(P, name, seg, to - from, out, &n, &error);
		if (status != SE_OK)
			worst = se_fail("parse", label ? label : name, error);
		g_free(label);
	}
	g_array_free(cuts, TRUE);
	return worst;
}

int
cmd_parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "templates", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *tdir = NULL, *path = "-";
	GError *error = NULL;
	struct parser *P;
	char *data;
	size_t len;
	GString *out;
	int c, status;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			tdir = optarg;
			break;
		default:
			return se_usage(usage_text, c == 'h');
		}
	}
	if (argc - optind > 1)
		return se_usage(usage_text, false);
	if (argc - optind == 1)
		path = argv[optind];
	if ((P = parser_new(tdir, &error)) == NULL)
		return se_fail("parse", tdir ? tdir : "templates", error);
	if (!se_read_input(path, &data, &len, &error)) {
		parser_free(P);
		return se_fail("parse", path, error);
	}
	out = g_string_new(NULL);
	if (len == 0) {
		se_warnx("parse", "%s: empty input", path);
		status = SE_EMPTY;
	} else
		status = parse_all(P, strcmp(path, "-") ? path : "-", data, len,
		    out);
	if (!se_write_stdout(out->str, out->len)) {
		se_warnx("parse", "standard output: write failed");
		status = SE_IO;
	}
	g_string_free(out, TRUE);
	g_free(data);
	parser_free(P);
	return status;
}

static const char templates_usage[] =
    "usage: selfeval templates [--templates DIR]\n"
    "\n"
    "List the form families parse knows, one per line: name, TAB,\n"
    "description.\n";

int
cmd_templates(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "templates", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *tdir = NULL;
	GError *error = NULL;
	struct parser *P;
	GString *out;
	int c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			tdir = optarg;
			break;
		default:
			return se_usage(templates_usage, c == 'h');
		}
	}
	if ((P = parser_new(tdir, &error)) == NULL)
		return se_fail("templates", tdir ? tdir : "templates", error);
	out = g_string_new(NULL);
	parser_list_templates(P, out);
	se_write_stdout(out->str, out->len);
	g_string_free(out, TRUE);
	parser_free(P);
	return SE_OK;
}
