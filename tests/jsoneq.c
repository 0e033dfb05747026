/*
 * jsoneq EXPECTED ACTUAL: compare two JSON documents field by field.
 * Object keys must match exactly, strings exactly, numbers numerically
 * (100 equals 100.0), arrays in order. Prints every difference as
 * "path: expected X, got Y" and exits 1 if there is any.
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

static int differences;

static char *
show(JsonNode *n)
{
	char *s;
	size_t len;

	if (n == NULL)
		return g_strdup("(absent)");
	s = json_to_string(n, FALSE);
	len = strlen(s);
	if (len > 120) {
		s[117] = '\0';
		g_strlcat(s, "...", len + 1);
	}
	return s;
}

static void
differ(const char *path, JsonNode *a, JsonNode *b)
{
	char *x = show(a), *y = show(b);

	if (differences++ < 60)
		printf("  %s: expected %s, got %s\n", path[0] ? path : ".", x, y);
	g_free(x);
	g_free(y);
}

static gboolean
is_number(JsonNode *n)
{
	GType t;

	if (!JSON_NODE_HOLDS_VALUE(n))
		return FALSE;
	t = json_node_get_value_type(n);
	return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static void
compare(const char *path, JsonNode *a, JsonNode *b)
{
	if (a == NULL || b == NULL) {
		differ(path, a, b);
		return;
	}
	if (is_number(a) && is_number(b)) {
		double x = json_node_get_double(a), y = json_node_get_double(b);
		if (fabs(x - y) > 1e-9 * fmax(1, fabs(x)))
			differ(path, a, b);
		return;
	}
	if (JSON_NODE_TYPE(a) != JSON_NODE_TYPE(b)) {
		differ(path, a, b);
		return;
	}
	if (JSON_NODE_HOLDS_OBJECT(a)) {
		JsonObject *oa = json_node_get_object(a), *ob = json_node_get_object(b);
		GList *keys = json_object_get_members(oa);
		for (GList *k = keys; k; k = k->next) {
			char *p = g_strdup_printf("%s.%s", path, (char *)k->data);
			compare(p, json_object_get_member(oa, k->data),
			    json_object_get_member(ob, k->data));
			g_free(p);
		}
		g_list_free(keys);
		keys = json_object_get_members(ob);
		for (GList *k = keys; k; k = k->next)
			if (!json_object_has_member(oa, k->data)) {
				char *p = g_strdup_printf("%s.%s", path,
				    (char *)k->data);
				differ(p, NULL, json_object_get_member(ob, k->data));
				g_free(p);
			}
		g_list_free(keys);
	} else if (JSON_NODE_HOLDS_ARRAY(a)) {
		JsonArray *xa = json_node_get_array(a), *xb = json_node_get_array(b);
		guint na = json_array_get_length(xa), nb = json_array_get_length(xb);
		for (guint i = 0; i < MAX(na, nb); i++) {
			char *p = g_strdup_printf("%s[%u]", path, i);
			compare(p, i < na ? json_array_get_element(xa, i) : NULL,
			    i < nb ? json_array_get_element(xb, i) : NULL);
			g_free(p);
		}
	} else if (JSON_NODE_HOLDS_VALUE(a)) {
		if (json_node_get_value_type(a) != json_node_get_value_type(b) ||
		    !json_node_equal(a, b))
			differ(path, a, b);
	}
}

static JsonNode *
load(const char *path)
{
	JsonParser *p = json_parser_new();
	GError *e = NULL;
	JsonNode *n;

	if (!json_parser_load_from_file(p, path, &e)) {
		fprintf(stderr, "jsoneq: %s: %s\n", path, e->message);
		exit(2);
	}
	n = json_node_copy(json_parser_get_root(p));
	g_object_unref(p);
	return n;
}

int
main(int argc, char **argv)
{
	JsonNode *a, *b;

	if (argc != 3) {
		fprintf(stderr, "usage: jsoneq EXPECTED ACTUAL\n");
		return 2;
	}
	a = load(argv[1]);
	b = load(argv[2]);
	compare("", a, b);
	if (differences > 60)
		printf("  ... %d differences in all\n", differences);
	json_node_unref(a);
	json_node_unref(b);
	return differences ? 1 : 0;
}
