#include <string.h>
#include <libxml/SAX2.h>
#include <zip.h>

#include "ooxml.h"
#include "status.h"
#include "ziplib.h"

/*
 * Bounds on what a package may inflate to. A form's workbook or document
 * is well under a MiB unzipped; these leave room for big real ones while
 * a zip bomb (a part of gigabytes from a few KiB) is refused unopened.
 */
#define MAX_UNZIPPED	((zip_uint64_t)256 << 20)	/* all parts together */
#define BOMB_PART	((zip_uint64_t)16 << 20)	/* a part this large ... */
#define BOMB_RATIO	100				/* ... inflating more */
#define MAX_PARTS	20000

/*
 * libxml2: no network, no DTD loading, no entity substitution. The tree
 * is only read, so short texts may be kept in their nodes (COMPACT): a
 * twentieth of a DOCX's instructions.
 */
#define XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
	XML_PARSE_COMPACT)

struct ooxml {
	GBytes *bytes;
	zip_t *zip;
};

int
ooxml_open(GBytes *bytes, struct ooxml **out, GError **error)
{
	gsize len;
	const char *data = g_bytes_get_data(bytes, &len);
	zip_error_t ze;
	zip_source_t *src;
	zip_t *zip;
	zip_int64_t n;
	zip_uint64_t total = 0;

	*out = NULL;
	if (!zip_load(error))
		return SE_FORMAT;
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	zip = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) :
	    NULL;
	if (zip == NULL) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "damaged or truncated zip container: %s",
		    zip_error_strerror(&ze));
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&ze);
		return SE_DAMAGED;
	}
	zip_error_fini(&ze);
	n = zip_get_num_entries(zip, 0);
	if (n > MAX_PARTS) {
		g_set_error(error, SE_ERROR, SE_LIMIT,
		    "zip with %" G_GINT64_FORMAT " parts, more than %d", (gint64)n,
		    MAX_PARTS);
		zip_discard(zip);
		return SE_LIMIT;
	}
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		if (zip_stat_index(zip, i, 0, &st) != 0 ||
		    !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
			continue;
		total += st.size;
		if (total > MAX_UNZIPPED || (st.size > BOMB_PART &&
		    st.size / BOMB_RATIO > st.comp_size)) {
			g_set_error(error, SE_ERROR, SE_LIMIT,
			    "zip bomb: part %s inflates %" G_GUINT64_FORMAT
			    " bytes to %" G_GUINT64_FORMAT " (limits: %d MiB a "
			    "package, %dx for a part over %d MiB)",
			    st.name ? st.name : "?", (guint64)st.comp_size,
			    (guint64)st.size, (int)(MAX_UNZIPPED >> 20),
			    BOMB_RATIO, (int)(BOMB_PART >> 20));
			zip_discard(zip);
			return SE_LIMIT;
		}
	}
	*out = g_new0(struct ooxml, 1);
	(*out)->bytes = g_bytes_ref(bytes);
	(*out)->zip = zip;
	return SE_OK;
}

void
ooxml_close(struct ooxml *z)
{
	if (z == NULL)
		return;
	zip_discard(z->zip);
	g_bytes_unref(z->bytes);
	g_free(z);
}

int
ooxml_read(struct ooxml *z, const char *name, char **data, gsize *len,
    GError **error)
{
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t i = zip_part_locate(z->zip, name), got;
	char *buf;
	gsize have = 0;

	*data = NULL;
	*len = 0;
	if (i < 0)
		return SE_OK;
	if (zip_stat_index(z->zip, i, 0, &st) != 0 ||
	    !(st.valid & ZIP_STAT_SIZE)) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "damaged zip container: no size for %s", name);
		return SE_DAMAGED;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE) {
		g_set_error(error, SE_ERROR, SE_ENCRYPTED,
		    "encrypted zip part %s", name);
		return SE_ENCRYPTED;
	}
	if ((f = zip_fopen_index(z->zip, i, 0)) == NULL) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "damaged zip container: %s: %s", name,
		    zip_strerror(z->zip));
		return SE_DAMAGED;
	}
	/* One byte more than declared: a part that lies about its size. */
	buf = g_malloc(st.size + 2);
	while (have <= st.size &&
	    (got = zip_fread(f, buf + have, st.size + 1 - have)) > 0)
		have += (gsize)got;
	if (have != st.size || got < 0) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "damaged zip container: %s: %s", name, got < 0 ?
		    zip_file_strerror(f) : "size differs from the declared one");
		zip_fclose(f);
		g_free(buf);
		return SE_DAMAGED;
	}
	zip_fclose(f);
	buf[have] = '\0';
	*data = buf;
	*len = have;
	return SE_OK;
}

xmlTextReaderPtr
ooxml_reader(const char *data, gsize len)
{
	return xmlReaderForMemory(data, (int)MIN(len, (gsize)G_MAXINT), NULL,
	    NULL, XML_OPTS);
}

int
ooxml_next(xmlTextReaderPtr r, const char *part, GError **error)
{
	int ret = xmlTextReaderRead(r);

	if (ret == 1 &&
	    xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "%s declares a DTD (entities are never read)", part);
		return -1;
	}
	if (ret < 0) {
		const xmlError *e = xmlGetLastError();
		g_set_error(error, SE_ERROR, SE_DAMAGED, "malformed XML in %s%s%s",
		    part, e && e->message ? ": " : "",
		    e && e->message ? g_strstrip(e->message) : "");
	}
	return ret;
}

/*
 * The tree builder's SAX callbacks, but for the elements prune leaves
 * out: ctxt->_private is the pruning state, ctxt->node the element open
 * in the tree.
 */
struct pruning {
	const struct ooxml_prune *prune;
	long skip;		/* depth inside an element left out */
};

static bool
left_out(const struct ooxml_prune *prune, const xmlChar *parent,
    const xmlChar *name)
{
	for (const struct ooxml_prune *p = prune; p->parent != NULL; p++) {
		if (p->keep[0] == NULL && xmlStrEqual(name, BAD_CAST p->parent))
			return true;
		if (p->keep[0] == NULL || parent == NULL ||
		    !xmlStrEqual(parent, BAD_CAST p->parent))
			continue;
		for (int i = 0; i < (int)G_N_ELEMENTS(p->keep) && p->keep[i]; i++)
			if (xmlStrEqual(name, BAD_CAST p->keep[i]))
				return false;
		return true;
	}
	return false;
}

static void
prune_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr,
    int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr c = ctx;
	struct pruning *pr = c->_private;

	if (pr->skip > 0 || left_out(pr->prune, c->node ? c->node->name :
	    NULL, name))
		pr->skip++;
	else
		xmlSAX2StartElementNs(ctx, name, prefix, uri, nns, ns, nattr,
		    ndefaulted, attrs);
}

static void
prune_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr c = ctx;
	struct pruning *pr = c->_private;

	if (pr->skip > 0)
		pr->skip--;
	else
		xmlSAX2EndElementNs(ctx, name, prefix, uri);
}

static void
prune_text(void *ctx, const xmlChar *s, int len)
{
	xmlParserCtxtPtr c = ctx;

	if (((struct pruning *)c->_private)->skip == 0)
		xmlSAX2Characters(ctx, s, len);
}

static void
prune_cdata(void *ctx, const xmlChar *s, int len)
{
	xmlParserCtxtPtr c = ctx;

	if (((struct pruning *)c->_private)->skip == 0)
		xmlSAX2CDataBlock(ctx, s, len);
}

xmlDocPtr
ooxml_dom(const char *data, gsize len, const char *part, GError **error)
{
	return ooxml_dom_pruned(data, len, part, NULL, error);
}

xmlDocPtr
ooxml_dom_pruned(const char *data, gsize len, const char *part,
    const struct ooxml_prune *prune, GError **error)
{
	xmlTextReaderPtr r = ooxml_reader(data, len);
	xmlParserCtxtPtr ctxt;
	struct pruning pr = { prune, 0 };
	xmlDocPtr doc;
	int ret = r ? 1 : -1;

	/* The prolog first: a DOCTYPE is refused before anything expands. */
	while (ret == 1 && (ret = ooxml_next(r, part, error)) == 1 &&
	    xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
		;
	if (r != NULL)
		xmlFreeTextReader(r);
	if (ret < 0) {
		if (error && *error == NULL)
			g_set_error(error, SE_ERROR, SE_DAMAGED,
			    "malformed XML in %s", part);
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		g_set_error(error, SE_ERROR, SE_DAMAGED, "%s: out of memory",
		    part);
		return NULL;
	}
	if (prune != NULL) {
		ctxt->_private = &pr;
		ctxt->sax->startElementNs = prune_start;
		ctxt->sax->endElementNs = prune_end;
		ctxt->sax->characters = prune_text;
		ctxt->sax->ignorableWhitespace = prune_text;
		ctxt->sax->cdataBlock = prune_cdata;
		ctxt->sax->comment = NULL;
		ctxt->sax->processingInstruction = NULL;
	}
	doc = xmlCtxtReadMemory(ctxt, data, (int)MIN(len, (gsize)G_MAXINT),
	    NULL, NULL, XML_OPTS);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		g_set_error(error, SE_ERROR, SE_DAMAGED, "malformed XML in %s%s%s",
		    part, e && e->message ? ": " : "",
		    e && e->message ? g_strstrip(e->message) : "");
		if (doc != NULL)
			xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

gboolean
ooxml_is(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

char *
ooxml_attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		char *s = g_strdup(v ? (const char *)v : "");
		xmlFree(v);
		return s;
	}
	return NULL;
}

char *
ooxml_reader_attr(xmlTextReaderPtr r, const char *name)
{
	char *s = NULL;

	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		if (strcmp((const char *)xmlTextReaderConstLocalName(r),
		    name) == 0) {
			s = g_strdup((const char *)xmlTextReaderConstValue(r));
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return s;
}

/* target relative to the folder of part, "../" resolved. */
static char *
resolve(const char *part, const char *target)
{
	GPtrArray *segs = g_ptr_array_new_with_free_func(g_free);
	char **parts, *dir, *s;

	if (target[0] == '/')
		return g_strdup(target + 1);
	dir = g_path_get_dirname(part);
	s = strcmp(dir, ".") == 0 ? g_strdup(target) :
	    g_strconcat(dir, "/", target, NULL);
	parts = g_strsplit(s, "/", -1);
	for (char **p = parts; *p; p++) {
		if (strcmp(*p, "..") == 0) {
			if (segs->len > 0)
				g_ptr_array_remove_index(segs, segs->len - 1);
		} else if (**p && strcmp(*p, ".") != 0)
			g_ptr_array_add(segs, g_strdup(*p));
	}
	g_ptr_array_add(segs, NULL);
	g_free(s);
	s = g_strjoinv("/", (char **)segs->pdata);
	g_strfreev(parts);
	g_ptr_array_free(segs, TRUE);
	g_free(dir);
	return s;
}

static char *
rels_name(const char *part)
{
	char *dir, *base, *name;

	if (*part == '\0')
		return g_strdup("_rels/.rels");		/* the package's */
	dir = g_path_get_dirname(part);
	base = g_path_get_basename(part);
	name = strcmp(dir, ".") == 0 ?
	    g_strconcat("_rels/", base, ".rels", NULL) :
	    g_strconcat(dir, "/_rels/", base, ".rels", NULL);
	g_free(dir);
	g_free(base);
	return name;
}

int
ooxml_rels(struct ooxml *z, const char *part, GHashTable **by_id,
    GHashTable **by_type, GError **error)
{
	char *name = rels_name(part), *data;
	gsize len;
	int status;

	*by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (by_type != NULL)
		*by_type = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, g_free);
	status = ooxml_read(z, name, &data, &len, error);
	if (status == SE_OK && data != NULL) {
		xmlDocPtr doc = ooxml_dom(data, len, name, error);
		if (doc == NULL)
			status = SE_DAMAGED;
		for (xmlNodePtr n = doc ? xmlDocGetRootElement(doc)->children :
		    NULL; n != NULL; n = n->next) {
			if (!ooxml_is(n, "Relationship"))
				continue;
			char *id = ooxml_attr(n, "Id");
			char *target = ooxml_attr(n, "Target");
			char *mode = ooxml_attr(n, "TargetMode");
			char *type = ooxml_attr(n, "Type");
			if (id && target && !(mode && strcmp(mode, "External") == 0)) {
				g_hash_table_replace(*by_id, g_strdup(id),
				    resolve(part, target));
				if (by_type && type &&
				    !g_hash_table_contains(*by_type, type))
					g_hash_table_insert(*by_type,
					    g_strdup(type), resolve(part, target));
			}
			g_free(id);
			g_free(target);
			g_free(mode);
			g_free(type);
		}
		if (doc != NULL)
			xmlFreeDoc(doc);
	}
	g_free(data);
	g_free(name);
	return status;
}

char *
ooxml_rel_type(struct ooxml *z, const char *part, const char *suffix,
    const char *fallback)
{
	GHashTable *by_id, *by_type;
	GHashTableIter it;
	gpointer k, v;
	char *found = NULL;

	if (ooxml_rels(z, part, &by_id, &by_type, NULL) == SE_OK) {
		g_hash_table_iter_init(&it, by_type);
		while (found == NULL && g_hash_table_iter_next(&it, &k, &v))
			if (g_str_has_suffix(k, suffix))
				found = g_strdup(v);
	}
	g_hash_table_destroy(by_id);
	g_hash_table_destroy(by_type);
	return found ? found : g_strdup(fallback);
}

/* The text of the first child element called name, trimmed, or NULL. */
static char *
child_text(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr n = parent->children; n != NULL; n = n->next) {
		if (!ooxml_is(n, name))
			continue;
		xmlChar *v = xmlNodeGetContent(n);
		char *s = g_strstrip(g_strdup(v ? (const char *)v : ""));
		xmlFree(v);
		if (*s)
			return s;
		g_free(s);
	}
	return NULL;
}

char *
ooxml_producer(struct ooxml *z)
{
	char *data, *app = NULL, *ver = NULL, *s = NULL;
	gsize len;
	xmlDocPtr doc;

	if (ooxml_read(z, "docProps/app.xml", &data, &len, NULL) != SE_OK ||
	    data == NULL)
		return NULL;
	if ((doc = ooxml_dom(data, len, "docProps/app.xml", NULL)) != NULL) {
		app = child_text(xmlDocGetRootElement(doc), "Application");
		ver = child_text(xmlDocGetRootElement(doc), "AppVersion");
		xmlFreeDoc(doc);
	}
	if (app != NULL)
		s = ver ? g_strconcat(app, " ", ver, NULL) : g_strdup(app);
	g_free(app);
	g_free(ver);
	g_free(data);
	return s;
}
