/*
 * libFuzzer harness: parse on arbitrary text, the way `selfeval parse`
 * and ingest's workers call it, with the built-in templates (every family
 * is seeded by a fixture's extract output). What parse writes must be
 * JSON Lines that load can read: each line valid UTF-8 and JSON.
 */
#include <json-glib/json-glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsondepth.h"
#include "parse.h"
#include "status.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Built once: compiling every template's patterns is the slow part. */
static struct parser *P;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	GError *error = NULL;

	(void)argc;
	(void)argv;
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	if ((P = parser_new(NULL, &error)) == NULL)
		g_error("parser_new: %s", error->message);
	return 0;
}

static void
check_output(const GString *out)
{
	JsonParser *jp = json_parser_new();
	const char *p = out->str, *end = out->str + out->len;

	if (!g_utf8_validate(out->str, (gssize)out->len, NULL))
		abort();
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		if (nl == NULL)
			abort();	/* every record ends its line */
		if (!json_depth_ok(p, nl - p, JSON_MAX_DEPTH) ||
		    !json_parser_load_from_data(jp, p, nl - p, NULL))
			abort();
		p = nl + 1;
	}
	g_object_unref(jp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GString *out = g_string_new(NULL);
	GError *error = NULL;
	int n, status;

	status = parser_run(P, "fuzz", (const char *)data, size, out, &n,
	    &error);
	if (status == SE_OK) {
		if (error != NULL || n < 1)
			abort();
		check_output(out);
	} else if (error == NULL)
		abort();
	else
		g_error_free(error);
	g_string_free(out, TRUE);
	return 0;
}
