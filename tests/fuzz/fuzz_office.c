/*
 * libFuzzer harness: the Office readers on any bytes, by content as
 * extract tells them: XLSX and DOCX (libzip, libxml2's reader, the zip
 * bounds, number formats, spans) and XLS (FreeXL and libgsf with the BIFF
 * records; FreeXL reads from a path, so the bytes go to a memfd). An XLS
 * FreeXL refuses is not handed to LibreOffice here: that is a process of
 * its own, bounded by --max-seconds.
 *
 * XLS is fed only when FUZZ_XLS is set in the environment: FreeXL 1.0.6
 * itself reads before a stack buffer on damaged files (found here in 20 s,
 * tests/hostile/freexl-underflow.xls), which stops every run at once; a
 * bug of the library, contained by ingest's worker processes, like a
 * crash inside Poppler.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "detect.h"
#include "office.h"
#include "status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
read_xls(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error)
{
	gsize len;
	const void *p = g_bytes_get_data(bytes, &len);
	int fd = memfd_create("fuzz.xls", 0), status = SE_IO;
	char path[64];

	if (fd < 0)
		return status;
	if (write(fd, p, len) == (ssize_t)len) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		status = xls_extract(path, bytes, opts, prov, d, warnings,
		    error);
	}
	close(fd);
	return status;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/*
	 * A form has a few thousand cells; 100,000 made the million-cell seed
	 * (fixtures/bad-office/million.xlsx) take 3.5 to 4.5 s of the
	 * 5 s an input may take under the sanitizers, a timeout on a busy
	 * machine. The limit is still reached and refused, sooner.
	 */
	struct extract_opts opts = { .max_cells = 20000, .max_seconds = 5,
	    .ocr = OCR_NEVER };
	struct provenance prov = { 0 };
	GBytes *bytes = g_bytes_new_static(data, size);
	GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
	struct doc *d = doc_new();
	GString *text = g_string_new(NULL);
	GError *error = NULL;
	int status = SE_OK;

	switch (detect_format((const char *)data, size)) {
	case FMT_XLSX:
		status = xlsx_extract(bytes, &opts, &prov, d, warnings, &error);
		break;
	case FMT_DOCX:
		status = docx_extract(bytes, &opts, &prov, d, warnings, &error);
		break;
	case FMT_XLS:
		if (getenv("FUZZ_XLS") == NULL)
			goto out;
		status = read_xls(bytes, &opts, &prov, d, warnings, &error);
		break;
	default:
		goto out;
	}
	if (status == SE_OK) {
		doc_write_text(d, text);
		if (!g_utf8_validate(text->str, (gssize)text->len, NULL))
			abort();
	}
	g_clear_error(&error);
	prov_clear(&prov);
out:
	doc_free(d);
	g_string_free(text, TRUE);
	g_ptr_array_free(warnings, TRUE);
	g_bytes_unref(bytes);
	return 0;
}
