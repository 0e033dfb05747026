#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "pagelist.h"
#include "status.h"
#include "textfile.h"

static char *
convert(const char *data, size_t len, const char *from)
{
	return textfile_iconv(data, len, from, false);
}

char *
textfile_iconv(const char *data, size_t len, const char *from, bool lossy)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap = len * 2 + 16, inleft = len, outleft;
	char *out, *in = (char *)data, *op;

	if (cd == (iconv_t)-1)
		return NULL;
	out = g_malloc(cap);
	op = out;
	outleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			size_t used = op - out;
			cap *= 2;
			out = g_realloc(out, cap);
			op = out + used;
			outleft = cap - used - 1;
			continue;
		}
		/* EILSEQ or EINVAL (a sequence cut off at the end). */
		if (lossy) {
			/* What a browser shows for a byte it cannot read. */
			if (outleft < 4) {
				size_t used = op - out;
				cap *= 2;
				out = g_realloc(out, cap);
				op = out + used;
				outleft = cap - used - 1;
			}
			memcpy(op, "\xEF\xBF\xBD", 3);
			op += 3;
			outleft -= 3;
			in++;
			inleft--;
			iconv(cd, NULL, NULL, NULL, NULL);
			continue;
		}
		g_free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*op = '\0';
	return out;
}

/* Text has no NUL and no C0 controls but tab, newline, CR and form feed. */
static gboolean
looks_like_text(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r' &&
		    *p != '\f')
			return FALSE;
	return TRUE;
}

static char *
drop_cr(char *s)
{
	char *w = s;

	for (const char *r = s; *r; r++)
		if (!(*r == '\r' && r[1] == '\n'))
			*w++ = *r == '\r' ? '\n' : *r;
	*w = '\0';
	return s;
}

/*
 * A text with a few bytes its encoding cannot have (a download's stray
 * bytes, a UTF-16 file cut in a character): read with U+FFFD for each,
 * if they are no more than LOSSY_MAX and one in a thousand characters;
 * more is another encoding, or none.
 */
#define LOSSY_MAX 16

static char *
lossy(const char *data, size_t len, const char *enc, size_t *lost)
{
	char *s = strcmp(enc, "UTF-8") == 0 ? g_utf8_make_valid(data,
	    (gssize)len) : textfile_iconv(data, len, enc, true);
	size_t bad = 0, chars = 0;

	for (const char *p = s; p && *p; p = g_utf8_next_char(p)) {
		chars++;
		if (g_utf8_get_char(p) == 0xFFFD)
			bad++;
	}
	if (s == NULL || bad > LOSSY_MAX || bad * 1000 > chars) {
		g_free(s);
		return NULL;
	}
	*lost = bad;
	return s;
}

char *
textfile_decode(const char *data, size_t len, size_t *lost, GError **error)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *what = NULL;	/* the encoding its BOM names */
	char *s = NULL;
	size_t skip = 0, nlost = 0;
	bool nul = memchr(data, '\0', len) != NULL;

	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		what = "UTF-8";
		skip = 3;
		if (g_utf8_validate(data + 3, len - 3, NULL))
			s = g_strndup(data + 3, len - 3);
	} else if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 &&
	    u[3] == 0) {
		/* (Before UTF-16LE, whose BOM it begins with.) */
		what = "UTF-32LE";
		skip = 4;
	} else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE &&
	    u[3] == 0xFF) {
		what = "UTF-32BE";
		skip = 4;
	} else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		what = "UTF-16LE";
		skip = 2;
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		what = "UTF-16BE";
		skip = 2;
	} else if (!nul && g_utf8_validate(data, len, NULL)) {
		s = g_strndup(data, len);
	} else if (!nul) {
		s = convert(data, len, "GB18030");
	}
	if (s == NULL && what != NULL && strcmp(what, "UTF-8") != 0)
		s = convert(data + skip, len - skip, what);
	if (s == NULL && what != NULL)
		s = lossy(data + skip, len - skip, what, &nlost);
	else if (s == NULL && !nul) {
		size_t a = 0, b = 0;
		char *as_utf8 = lossy(data, len, "UTF-8", &a);
		char *as_gb = lossy(data, len, "GB18030", &b);
		bool utf8 = as_utf8 != NULL && (as_gb == NULL || a <= b);
		s = utf8 ? as_utf8 : as_gb;
		nlost = utf8 ? a : b;
		g_free(utf8 ? as_gb : as_utf8);
	}
	if (lost != NULL)
		*lost = s != NULL ? nlost : 0;
	if (s == NULL && what == NULL && nul) {
		g_set_error(error, SE_ERROR, SE_ENCODING,
		    "binary data, not a PDF or a text file");
		return NULL;
	}
	if (s == NULL) {
		if (what != NULL)
			g_set_error(error, SE_ERROR, SE_ENCODING,
			    "invalid %s text after its byte-order mark", what);
		else
			g_set_error(error, SE_ERROR, SE_ENCODING,
			    "unknown text encoding (not UTF-8, UTF-16 with BOM or GB18030)");
		return NULL;
	}
	if (!looks_like_text(s)) {
		g_free(s);
		g_set_error(error, SE_ERROR, SE_ENCODING,
		    "binary data, not a PDF or a text file");
		return NULL;
	}
	return drop_cr(s);
}

/*
 * A text rendering of a PDF whose glyphs had no Unicode: pdfminer writes
 * them as (cid:N), other tools as U+FFFD. Returns the pages ("1, 3-4")
 * where they make up a twentieth of the text, or NULL.
 */
static char *
unmapped_pages(const char *s)
{
	GArray *pages = g_array_new(FALSE, FALSE, sizeof(int));
	int page = 1, chars = 0, bad = 0;
	char *list = NULL;

	for (const char *p = s;; p = g_utf8_next_char(p)) {
		if (*p == '\f' || *p == '\0') {
			if (chars > 0 && bad * 20 >= chars)
				g_array_append_val(pages, page);
			if (*p == '\0')
				break;
			page++;
			chars = bad = 0;
			continue;
		}
		if (g_ascii_isspace(*p))
			continue;
		chars++;
		if (g_utf8_get_char(p) == 0xFFFD)
			bad++;
		else if (strncmp(p, "(cid:", 5) == 0) {
			const char *q = p + 5;
			while (g_ascii_isdigit(*q))
				q++;
			if (q > p + 5 && *q == ')') {
				bad += (int)(q - p) + 1;
				chars += (int)(q - p);
				p = q;
			}
		}
	}
	if (pages->len > 0)
		list = page_list(pages);
	g_array_free(pages, TRUE);
	return list;
}

int
textfile_extract(const char *data, gsize len, struct provenance *prov,
    struct doc *d, GPtrArray *warnings, GError **error)
{
	size_t lost = 0;
	char *s = textfile_decode(data, len, &lost, error);
	char *bad;

	if (s == NULL)
		return SE_ENCODING;
	if (lost > 0 && warnings != NULL)
		g_ptr_array_add(warnings, g_strdup_printf("%zu byte%s its "
		    "encoding cannot have, shown as U+FFFD", lost,
		    lost == 1 ? "" : "s"));
	bad = unmapped_pages(s);
	if (bad != NULL) {
		g_set_error(error, SE_ERROR, SE_NOTEXT,
		    "unmappable glyphs ((cid:N) or U+FFFD) on page%s %s; "
		    "the text would be garbage",
		    strpbrk(bad, ",-") ? "s" : "", bad);
		g_free(bad);
		g_free(s);
		return SE_NOTEXT;
	}
	/* A page per form feed, a line block per line. */
	char **pages = g_strsplit(s, "\f", -1);
	for (char **p = pages; *p; p++) {
		struct doc_page *pg = doc_add_page(d);
		char **lines = g_strsplit(*p, "\n", -1);
		guint n = g_strv_length(lines);
		/* The newline that ends the page's last line ends no line. */
		if (n > 0 && lines[n - 1][0] == '\0')
			n--;
		for (guint l = 0; l < n; l++)
			doc_add_line(pg, lines[l]);
		g_strfreev(lines);
	}
	prov->pages = (int)g_strv_length(pages);
	g_strfreev(pages);
	g_free(s);
	return SE_OK;
}
