#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "status.h"
#include "textfile.h"

/* iconv a whole buffer; NULL when the bytes are not valid in `from`. */
static char *
convert(const char *data, size_t len, const char *from)
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

char *
textfile_decode(const char *data, size_t len, GError **error)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *what = NULL;
	char *s = NULL;

	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		what = "UTF-8";
		if (g_utf8_validate(data + 3, len - 3, NULL))
			s = g_strndup(data + 3, len - 3);
	} else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		what = "UTF-16LE";
		s = convert(data + 2, len - 2, "UTF-16LE");
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		what = "UTF-16BE";
		s = convert(data + 2, len - 2, "UTF-16BE");
	} else if (memchr(data, '\0', len) == NULL &&
	    g_utf8_validate(data, len, NULL)) {
		s = g_strndup(data, len);
	} else if (memchr(data, '\0', len) == NULL) {
		s = convert(data, len, "GB18030");
	}
	if (s == NULL && what == NULL && memchr(data, '\0', len) != NULL) {
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
