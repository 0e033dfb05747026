#include <string.h>

#include "extract.h"
#include "pdf.h"
#include "provenance.h"
#include "status.h"
#include "textfile.h"

/* PDF readers accept the header anywhere in the first KiB. */
static gboolean
is_pdf(const char *data, gsize len)
{
	gsize n = len < 1024 ? len : 1024;

	return memmem(data, n, "%PDF-", 5) != NULL;
}

static gboolean
named_pdf(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && g_ascii_strcasecmp(path + n - 4, ".pdf") == 0;
}

static int
read_file(const char *path, const struct extract_opts *opts, GBytes **out,
    GError **error)
{
	GMappedFile *mf;
	GError *ferr = NULL;
	gsize len;

	mf = g_mapped_file_new(path, FALSE, &ferr);
	if (mf == NULL) {
		g_set_error(error, SE_ERROR, SE_IO, "cannot read: %s",
		    ferr->message);
		g_error_free(ferr);
		return SE_IO;
	}
	len = g_mapped_file_get_length(mf);
	if (opts->max_bytes > 0 && (gint64)len > opts->max_bytes) {
		g_set_error(error, SE_ERROR, SE_LIMIT,
		    "%" G_GSIZE_FORMAT " bytes, more than the limit of %"
		    G_GINT64_FORMAT, len, opts->max_bytes);
		g_mapped_file_unref(mf);
		return SE_LIMIT;
	}
	*out = g_mapped_file_get_bytes(mf);
	g_mapped_file_unref(mf);
	return SE_OK;
}

int
extract_file(const char *path, const struct extract_opts *opts,
    GString *out, GPtrArray *warnings, GError **error)
{
	struct provenance prov = { 0 };
	GBytes *bytes = NULL;
	GString *text;
	const char *data;
	gsize len;
	int status;

	status = read_file(path, opts, &bytes, error);
	if (status != SE_OK)
		return status;
	data = g_bytes_get_data(bytes, &len);
	if (len == 0) {
		g_set_error(error, SE_ERROR, SE_EMPTY, "empty file");
		g_bytes_unref(bytes);
		return SE_EMPTY;
	}
	prov_from_data(&prov, path, data, len);
	text = g_string_new(NULL);
	if (is_pdf(data, len)) {
		status = pdf_extract(bytes, opts, &prov, text, warnings, error);
	} else if (named_pdf(path)) {
		g_set_error(error, SE_ERROR, SE_NOTPDF,
		    "not a PDF (no %%PDF- header)");
		status = SE_NOTPDF;
	} else {
		char *s = textfile_decode(data, len, error);
		if (s == NULL)
			status = SE_ENCODING;
		else {
			prov.pages = 1;
			for (const char *p = s; (p = strchr(p, '\f')); p++)
				prov.pages++;
			g_string_append(text, s);
			g_free(s);
		}
	}
	if (status == SE_OK) {
		prov_write(out, &prov);
		g_string_append_len(out, text->str, text->len);
		if (out->len == 0 || out->str[out->len - 1] != '\n')
			g_string_append_c(out, '\n');
	}
	g_string_free(text, TRUE);
	prov_clear(&prov);
	g_bytes_unref(bytes);
	return status;
}
