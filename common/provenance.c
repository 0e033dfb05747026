#include <json-glib/json-glib.h>
#include <string.h>

#include "jsondepth.h"
#include "jsonw.h"
#include "provenance.h"
#include "sha256.h"
#include "status.h"

/*
 * A path as the record's UTF-8 can hold it. A file unzipped from a
 * Chinese Windows machine has its name in GBK bytes, which no JSON
 * string may carry (the whole record was refused): they are read as
 * GB18030, and anything else not UTF-8 is replaced, U+FFFD a byte.
 */
static char *
path_utf8(const char *path)
{
	char *u;

	if (path == NULL || g_utf8_validate(path, -1, NULL))
		return g_strdup(path);
	u = g_convert(path, -1, "UTF-8", "GB18030", NULL, NULL, NULL);
	return u ? u : g_utf8_make_valid(path, -1);
}

void
prov_from_data(struct provenance *p, const char *path, const char *sha,
    const void *data, size_t len)
{
	p->path = path_utf8(path);
	p->sha256 = sha ? g_strdup(sha) : sha256_hex(data, len);
	p->bytes = (gint64)len;
}

void
prov_json(struct jw *w, const char *key, const struct provenance *p)
{
	jw_obj(w, key);
	jw_str(w, "path", p->path);
	jw_str(w, "sha256", p->sha256);
	jw_int(w, "bytes", p->bytes);
	jw_int(w, "pages", p->pages);
	jw_str(w, "producer", p->producer);
	if (p->warnings && p->warnings->len > 0) {
		jw_arr(w, "warnings");
		for (guint i = 0; i < p->warnings->len; i++)
			jw_str(w, NULL, p->warnings->pdata[i]);
		jw_end(w);
	}
	if (p->ocr != NULL)
		jw_raw(w, "ocr", p->ocr);
	jw_end(w);
}

void
prov_write(GString *out, const struct provenance *p)
{
	struct jw w;

	g_string_append(out, PROV_MAGIC);
	jw_init(&w, out);
	prov_json(&w, NULL, p);
	g_string_append_c(out, '\n');
}

bool
prov_is_header(const char *text, size_t len)
{
	size_t n = strlen(PROV_MAGIC);

	return len >= n && memcmp(text, PROV_MAGIC, n) == 0;
}

static char *
member_str(JsonObject *o, const char *name)
{
	JsonNode *n = json_object_get_member(o, name);

	if (n == NULL || JSON_NODE_HOLDS_NULL(n) ||
	    json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return g_strdup(json_node_get_string(n));
}

static gint64
member_int(JsonObject *o, const char *name)
{
	JsonNode *n = json_object_get_member(o, name);

	if (n == NULL || !JSON_NODE_HOLDS_VALUE(n))
		return 0;
	return json_node_get_int(n);
}

bool
prov_read(const char *line, size_t len, struct provenance *p, GError **error)
{
	size_t n = strlen(PROV_MAGIC);
	JsonParser *jp = json_parser_new();
	JsonNode *root;
	bool ok = false;

	memset(p, 0, sizeof *p);
	if (!json_depth_ok(line + n, len - n, JSON_MAX_DEPTH) ||
	    json_lone_surrogate(line + n, len - n) != NULL ||
	    !json_parser_load_from_data(jp, line + n, (gssize)(len - n), NULL))
		goto bad;
	root = json_parser_get_root(jp);
	if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root))
		goto bad;
	JsonObject *o = json_node_get_object(root);
	p->path = member_str(o, "path");
	p->sha256 = member_str(o, "sha256");
	p->producer = member_str(o, "producer");
	p->bytes = member_int(o, "bytes");
	p->pages = (int)member_int(o, "pages");
	JsonNode *wn = json_object_get_member(o, "warnings");
	if (wn && JSON_NODE_HOLDS_ARRAY(wn)) {
		JsonArray *wa = json_node_get_array(wn);
		p->warnings = g_ptr_array_new_with_free_func(g_free);
		for (guint i = 0; i < json_array_get_length(wa); i++) {
			JsonNode *mn = json_array_get_element(wa, i);
			const char *m = JSON_NODE_HOLDS_VALUE(mn) ?
			    json_node_get_string(mn) : NULL;
			if (m)
				g_ptr_array_add(p->warnings, g_strdup(m));
		}
	}
	JsonNode *on = json_object_get_member(o, "ocr");
	if (on && JSON_NODE_HOLDS_OBJECT(on))
		p->ocr = json_to_string(on, FALSE);
	if (p->sha256 == NULL || strlen(p->sha256) != 64) {
		prov_clear(p);
		goto bad;
	}
	ok = true;
	goto out;
bad:
	g_set_error(error, SE_ERROR, SE_RECORD, "broken extract header line");
out:
	g_object_unref(jp);
	return ok;
}

void
prov_clear(struct provenance *p)
{
	g_free(p->path);
	g_free(p->sha256);
	g_free(p->producer);
	g_free(p->ocr);
	if (p->warnings)
		g_ptr_array_free(p->warnings, TRUE);
	memset(p, 0, sizeof *p);
}
