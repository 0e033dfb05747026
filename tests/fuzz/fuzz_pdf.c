/*
 * libFuzzer harness: extract's own geometry (glyph boxes, ruling lines
 * found by rendering, grids, merged cells, page stitching, the writer) on
 * what Poppler makes of mutated PDFs, seeded by the fixtures' PDFs. Per
 * input: at most 4 pages and 5 s of extract's time; libFuzzer's -timeout
 * and -rss_limit_mb (tests/fuzz/run) bound the rest. Poppler itself is
 * fuzzed by others; ingest runs it in worker processes so that a crash
 * inside it costs one file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "pdf.h"
#include "status.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Poppler's complaints about broken PDFs are expected, not bugs. */
	g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, quiet, NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* OCR is Tesseract's, and far too slow per input: geometry only. */
	struct extract_opts opts = { .max_pages = 4, .max_seconds = 5,
	    .ocr = OCR_NEVER };
	struct provenance prov = { 0 };
	GBytes *bytes = g_bytes_new_static(data, size);
	GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
	GString *text = g_string_new(NULL);
	struct doc *d = doc_new();
	GError *error = NULL;
	int status;

	if (size < 8 || memcmp(data, "%PDF-", 5) != 0)
		goto out;	/* extract's own sniffing keeps others away */
	status = pdf_extract(bytes, &opts, &prov, d, warnings, &error);
	if (status == SE_OK) {
		doc_write_text(d, text);
		if (error != NULL || !g_utf8_validate(text->str,
		    (gssize)text->len, NULL))
			abort();
	} else if (error == NULL)
		abort();
	g_clear_error(&error);
	prov_clear(&prov);
out:
	doc_free(d);
	g_string_free(text, TRUE);
	g_ptr_array_free(warnings, TRUE);
	g_bytes_unref(bytes);
	return 0;
}
