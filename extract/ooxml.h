/*
 * An Office Open XML package (XLSX, DOCX) opened with bounds: libzip opens
 * the container, libxml2 reads its parts. Every part is untrusted:
 *
 * - a zip bomb is refused before anything is inflated, from the sizes the
 *   central directory declares (the total, and the ratio of a large part),
 *   and no part is ever read past its declared size;
 * - a part with a DOCTYPE is refused: OOXML never has one, so a DTD can
 *   only be there to declare entities (external ones, XXE; nested ones, a
 *   billion laughs). libxml2 is never asked to load a DTD, substitute
 *   entities or touch the network.
 */
#ifndef SE_OOXML_H
#define SE_OOXML_H

#include <glib.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

struct ooxml;

/* Open a zip held in bytes (kept referenced). Returns a status. */
int ooxml_open(GBytes *bytes, struct ooxml **out, GError **error);
void ooxml_close(struct ooxml *z);

/*
 * The part called name (path inside the package, no leading slash),
 * NUL-terminated, in *data (the caller frees it). A part that is not there
 * gives SE_OK and *data NULL. Returns a status.
 */
int ooxml_read(struct ooxml *z, const char *name, char **data, gsize *len,
    GError **error);

/*
 * A streaming reader over a part's bytes (which must outlive it), with
 * the safe options above. ooxml_next is xmlTextReaderRead that also
 * refuses a DOCTYPE: 1 a node, 0 the end, -1 an error (error set).
 */
xmlTextReaderPtr ooxml_reader(const char *data, gsize len);
int ooxml_next(xmlTextReaderPtr r, const char *part, GError **error);

/* A part as a tree, the same options; NULL with error set. */
xmlDocPtr ooxml_dom(const char *data, gsize len, const char *part,
    GError **error);

/*
 * Elements a reader never looks at, left out of the tree as it is built
 * (in a DOCX three elements in four are formatting). By local name: an
 * element named parent is left out whole if keep[0] is NULL; otherwise
 * only its children named in keep are built. A table ends with a NULL
 * parent.
 */
struct ooxml_prune {
	const char *parent;
	const char *keep[4];
};
xmlDocPtr ooxml_dom_pruned(const char *data, gsize len, const char *part,
    const struct ooxml_prune *prune, GError **error);

/* The local name of a node (no prefix) equals name. */
gboolean ooxml_is(xmlNodePtr n, const char *name);
/* An attribute by local name, any namespace; a copy or NULL. */
char *ooxml_attr(xmlNodePtr n, const char *name);
/* xmlTextReader's: the current element's attribute by local name. */
char *ooxml_reader_attr(xmlTextReaderPtr r, const char *name);

/*
 * The relationships of a part ("xl/workbook.xml" → xl/_rels/workbook.xml.rels;
 * "" for the package's own, _rels/.rels): by_id maps Id → target part
 * name, resolved against the part's folder; by_type, if not NULL, Type →
 * the first such target. Returns a status; the tables are empty when
 * there are no relationships, and are the caller's.
 */
int ooxml_rels(struct ooxml *z, const char *part, GHashTable **by_id,
    GHashTable **by_type, GError **error);

/* The target of part's first relationship whose Type ends in suffix. */
char *ooxml_rel_type(struct ooxml *z, const char *part, const char *suffix,
    const char *fallback);

/*
 * The application that wrote the package, from docProps/app.xml
 * (Application and AppVersion), or NULL.
 */
char *ooxml_producer(struct ooxml *z);

#endif
