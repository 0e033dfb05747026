/*
 * libFuzzer harness: the HTML reader (charset sniffing, libxml2's HTML
 * parser, the form's tables among a site's chrome, spans, the writer) on
 * any bytes, seeded by the fixtures' pages.
 */
#include <stdint.h>
#include <stdlib.h>

#include "html.h"
#include "status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct provenance prov = { 0 };
	struct doc *d = doc_new();
	GString *text = g_string_new(NULL);
	GError *error = NULL;
	int status;

	status = html_extract((const char *)data, size, &prov, d, &error);
	if (status == SE_OK) {
		doc_write_text(d, text);
		if (error != NULL || !g_utf8_validate(text->str,
		    (gssize)text->len, NULL))
			abort();
	} else if (error == NULL)
		abort();
	g_clear_error(&error);
	prov_clear(&prov);
	doc_free(d);
	g_string_free(text, TRUE);
	return 0;
}
