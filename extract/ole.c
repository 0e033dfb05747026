#include <gsf/gsf-doc-meta-data.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-meta-names.h>
#include <gsf/gsf-msole-utils.h>

#include "ole.h"
#include "quiet.h"
#include "status.h"

char *
ole_producer(GBytes *bytes)
{
	gsize n;
	const guint8 *data = g_bytes_get_data(bytes, &n);
	GsfInput *mem = gsf_input_memory_new(data, (gsf_off_t)n, FALSE);
	GsfInfile *ole = gsf_infile_msole_new(mem, NULL);
	GsfInput *si = ole ? gsf_infile_child_by_name(ole,
	    "\005SummaryInformation") : NULL;
	char *app = NULL;

	if (si != NULL) {
		GsfDocMetaData *md = gsf_doc_meta_data_new();
		GError *err = gsf_doc_meta_data_read_from_msole(md, si);
		GsfDocProp *prop = err ? NULL :
		    gsf_doc_meta_data_lookup(md, GSF_META_NAME_GENERATOR);
		const GValue *v = prop ? gsf_doc_prop_get_val(prop) : NULL;
		if (v != NULL && G_VALUE_HOLDS_STRING(v) &&
		    g_value_get_string(v) != NULL)
			app = g_strstrip(g_strdup(g_value_get_string(v)));
		if (app != NULL && *app == '\0') {
			g_free(app);
			app = NULL;
		}
		g_clear_error(&err);
		g_object_unref(md);
		g_object_unref(si);
	}
	if (ole != NULL)
		g_object_unref(ole);
	g_object_unref(mem);
	return app;
}

/*
 * An OLE2 file in which no Word or Excel stream was found: a download cut
 * short loses its directory (usually at the end), and is damaged, not of
 * another format. libgsf, which reads the container, tells them apart.
 */
int
ole_check(GBytes *bytes, GError **error)
{
	gsize n;
	const guint8 *data = g_bytes_get_data(bytes, &n);
	GsfInput *mem = gsf_input_memory_new(data, (gsf_off_t)n, FALSE);
	GError *e = NULL;
	struct quiet q;
	GsfInfile *ole;
	int status = SE_OK;

	/* (libgsf logs a CRITICAL of its own on a block past the end.) */
	quiet_begin(&q);
	ole = gsf_infile_msole_new(mem, &e);
	quiet_end(&q);

	if (ole == NULL) {
		g_set_error(error, SE_ERROR, SE_DAMAGED, "damaged or truncated "
		    "OLE2 file (DOC, XLS): %s", e ? e->message : "unreadable");
		status = SE_DAMAGED;
	} else
		g_object_unref(ole);
	g_clear_error(&e);
	g_object_unref(mem);
	return status;
}
