/*
 * Word 97-2003 (.doc) and WPS Writer (.wps) files. No library in Debian
 * reads their tables (antiword and catdoc give text only, wv is
 * unmaintained), so LibreOffice converts the file to DOCX in a private
 * temporary folder, with a profile of its own, and the DOCX reader reads
 * that. A machine without LibreOffice gets one line naming the package.
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "office.h"
#include "status.h"

#define SOFFICE_PACKAGE "libreoffice-writer-nogui"

/* Remove a folder this reader made, and everything in it. */
static void
rm_tree(const char *path)
{
	GDir *d = g_dir_open(path, 0, NULL);
	const char *name;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		char *sub = g_build_filename(path, name, NULL);
		if (g_file_test(sub, G_FILE_TEST_IS_DIR) &&
		    !g_file_test(sub, G_FILE_TEST_IS_SYMLINK))
			rm_tree(sub);
		else
			g_unlink(sub);
		g_free(sub);
	}
	if (d != NULL)
		g_dir_close(d);
	g_rmdir(path);
}

int
doc_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error)
{
	char *soffice = g_find_program_in_path("soffice");
	char *tmp, *in, *out, *profile, *env, *outdir_arg, *data = NULL;
	GError *err = NULL;
	gsize len = 0;
	int wait = 0, status;

	if (soffice == NULL) {
		g_set_error(error, SE_ERROR, SE_FORMAT, "Word 97-2003 / WPS "
		    "document: reading it needs LibreOffice (apt-get install "
		    SOFFICE_PACKAGE ")");
		return SE_FORMAT;
	}
	tmp = g_dir_make_tmp("selfeval-doc-XXXXXX", &err);
	if (tmp == NULL) {
		g_set_error(error, SE_ERROR, SE_IO, "cannot make a temporary "
		    "folder: %s", err->message);
		g_error_free(err);
		g_free(soffice);
		return SE_IO;
	}
	in = g_build_filename(tmp, "form.doc", NULL);
	out = g_build_filename(tmp, "form.docx", NULL);
	profile = g_build_filename(tmp, "profile", NULL);
	env = g_strconcat("-env:UserInstallation=file://", profile, NULL);
	outdir_arg = g_strdup(tmp);
	{
		const char *argv[] = { soffice, env, "--headless", "--norestore",
		    "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
		    "--outdir", outdir_arg, in, NULL };
		gconstpointer p = g_bytes_get_data(bytes, &len);
		if (!g_file_set_contents(in, p, (gssize)len, &err) ||
		    !g_spawn_sync(NULL, (char **)argv, NULL,
		    G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
		    NULL, NULL, NULL, NULL, &wait, &err)) {
			g_set_error(error, SE_ERROR, SE_IO, "cannot run "
			    "LibreOffice to convert it: %s", err->message);
			g_error_free(err);
			status = SE_IO;
			goto done;
		}
	}
	if (!WIFEXITED(wait) || WEXITSTATUS(wait) != 0 ||
	    !g_file_get_contents(out, &data, &len, NULL) || len == 0) {
		g_set_error(error, SE_ERROR, SE_DAMAGED, "Word 97-2003 / WPS "
		    "document LibreOffice could not convert (damaged or "
		    "password-protected)");
		status = SE_DAMAGED;
		goto done;
	}
	{
		GBytes *docx = g_bytes_new_take(data, len);
		data = NULL;
		status = docx_extract(docx, opts, prov, d, warnings, error);
		g_bytes_unref(docx);
		/* The converter wrote the DOCX, not the application that wrote
		 * the .doc: that is not known here. */
		g_free(prov->producer);
		prov->producer = NULL;
	}
done:
	rm_tree(tmp);
	g_free(data);
	g_free(tmp);
	g_free(in);
	g_free(out);
	g_free(profile);
	g_free(env);
	g_free(outdir_arg);
	g_free(soffice);
	return status;
}
