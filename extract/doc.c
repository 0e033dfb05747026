/*
 * Word 97-2003 (.doc) and WPS Writer (.wps) files. No library in Debian
 * reads their tables (antiword and catdoc give text only, wv is
 * unmaintained), so LibreOffice converts the file to DOCX in a private
 * temporary folder, with a profile of its own, and the DOCX reader reads
 * that. A machine without LibreOffice gets one line naming the package.
 * The same converter turns an XLS that FreeXL cannot open into XLSX, and
 * the formats a form is sometimes published in that no Debian library
 * reads as tables: RTF, ODT and ODS, Word's and Excel's XML of 2003.
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "detect.h"
#include "office.h"
#include "ole.h"
#include "status.h"

#define SOFFICE_PACKAGE "libreoffice-writer-nogui"
/* How long a conversion may take when --max-seconds sets no bound. */
#define CONVERT_SECONDS 120

/* LibreOffice in a process group of its own, so all of it can be ended. */
static void
own_group(gpointer unused)
{
	(void)unused;
	setpgid(0, 0);
}

/*
 * Run argv to its end or for at most seconds; *wait gets its status.
 * False when it could not start or ran out of time (then it is killed,
 * with everything it started).
 */
static gboolean
run_bounded(const char **argv, double seconds, int *wait, GError **err)
{
	GPid pid;
	gint64 deadline = g_get_monotonic_time() + (gint64)(seconds * 1e6);
	pid_t got;

	if (!g_spawn_async(NULL, (char **)argv, NULL,
	    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
	    G_SPAWN_STDERR_TO_DEV_NULL, own_group, NULL, &pid, err))
		return FALSE;
	while ((got = waitpid(pid, wait, WNOHANG)) == 0) {
		if (g_get_monotonic_time() > deadline) {
			kill(-pid, SIGKILL);
			waitpid(pid, wait, 0);
			g_set_error(err, SE_ERROR, SE_LIMIT, "LibreOffice took "
			    "longer than %.0f s", seconds);
			return FALSE;
		}
		g_usleep(20000);
	}
	g_spawn_close_pid(pid);
	return got == pid;
}

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

/*
 * LibreOffice converts bytes (saved as form.EXT) with the export filter
 * `to` ("docx:MS Word 2007 XML") into *out. what names the format in
 * messages. Returns a status.
 */
static int
convert(GBytes *bytes, const char *ext, const char *to, const char *what,
    double seconds, GBytes **out_bytes, GError **error)
{
	char *soffice = g_find_program_in_path("soffice");
	char *tmp, *in, *out, *profile, *env, *base, *data = NULL;
	char *outext = g_strndup(to, strcspn(to, ":"));
	GError *err = NULL;
	gsize len = 0;
	int wait = 0, status = SE_OK;

	*out_bytes = NULL;
	if (soffice == NULL) {
		g_set_error(error, SE_ERROR, SE_FORMAT, "%s: reading it needs "
		    "LibreOffice (apt-get install " SOFFICE_PACKAGE ")", what);
		g_free(outext);
		return SE_FORMAT;
	}
	tmp = g_dir_make_tmp("selfeval-lo-XXXXXX", &err);
	if (tmp == NULL) {
		g_set_error(error, SE_ERROR, SE_IO, "cannot make a temporary "
		    "folder: %s", err->message);
		g_error_free(err);
		g_free(soffice);
		g_free(outext);
		return SE_IO;
	}
	base = g_strconcat("form.", ext, NULL);
	in = g_build_filename(tmp, base, NULL);
	g_free(base);
	base = g_strconcat("form.", outext, NULL);
	out = g_build_filename(tmp, base, NULL);
	g_free(base);
	profile = g_build_filename(tmp, "profile", NULL);
	env = g_strconcat("-env:UserInstallation=file://", profile, NULL);
	{
		const char *argv[] = { soffice, env, "--headless", "--norestore",
		    "--nolockcheck", "--convert-to", to, "--outdir", tmp, in,
		    NULL };
		gconstpointer p = g_bytes_get_data(bytes, &len);
		if (!g_file_set_contents(in, p, (gssize)len, &err) ||
		    !run_bounded(argv, seconds > 0 ? seconds : CONVERT_SECONDS,
		    &wait, &err)) {
			status = err && err->domain == SE_ERROR ? err->code : SE_IO;
			g_set_error(error, SE_ERROR, status, "cannot convert it "
			    "with LibreOffice: %s", err ? err->message : "?");
			g_clear_error(&err);
		}
	}
	if (status == SE_OK && (!WIFEXITED(wait) || WEXITSTATUS(wait) != 0 ||
	    !g_file_get_contents(out, &data, &len, NULL) || len == 0)) {
		g_set_error(error, SE_ERROR, SE_DAMAGED, "%s LibreOffice could "
		    "not convert (damaged or password-protected)", what);
		status = SE_DAMAGED;
	}
	if (status == SE_OK) {
		*out_bytes = g_bytes_new_take(data, len);
		data = NULL;
	}
	rm_tree(tmp);
	g_free(data);
	g_free(tmp);
	g_free(in);
	g_free(out);
	g_free(profile);
	g_free(env);
	g_free(soffice);
	g_free(outext);
	return status;
}

#define TO_DOCX "docx:MS Word 2007 XML"
#define TO_XLSX "xlsx:Calc MS Excel 2007 XML"

/*
 * What LibreOffice turns each format into. what names the file in the
 * message of a failed conversion ("... LibreOffice could not convert").
 */
static const struct conversion {
	enum doc_format from;
	const char *ext, *to, *what;
	bool sheet;	/* to XLSX, else DOCX */
	bool ole;	/* an OLE2 file: its SummaryInformation names the producer */
} conversions[] = {
	{ FMT_DOC, "doc", TO_DOCX, "Word 97-2003 / WPS document", false, true },
	{ FMT_XLS, "xls", TO_XLSX,
	    "Excel 97-2003 workbook FreeXL cannot open, and", true, true },
	{ FMT_RTF, "rtf", TO_DOCX, "RTF document", false, false },
	{ FMT_ODT, "odt", TO_DOCX, "OpenDocument text", false, false },
	{ FMT_ODS, "ods", TO_XLSX, "OpenDocument spreadsheet", true, false },
	{ FMT_XML_WORD, "xml", TO_DOCX, "Word 2003 XML document", false, false },
	{ FMT_XML_SHEET, "xml", TO_XLSX, "Excel 2003 XML workbook", true, false },
};

int
convert_extract(enum doc_format f, GBytes *bytes,
    const struct extract_opts *opts, struct provenance *prov, struct doc *d,
    GPtrArray *warnings, GError **error)
{
	const struct conversion *c = NULL;
	GBytes *ooxml;
	int status;

	for (size_t i = 0; i < G_N_ELEMENTS(conversions); i++)
		if (conversions[i].from == f)
			c = &conversions[i];
	g_return_val_if_fail(c != NULL, SE_FORMAT);
	status = convert(bytes, c->ext, c->to, c->what, opts->max_seconds,
	    &ooxml, error);
	if (status != SE_OK)
		return status;
	status = c->sheet ?
	    xlsx_extract(ooxml, opts, prov, d, warnings, error) :
	    docx_extract(ooxml, opts, prov, d, warnings, error);
	/*
	 * The converter wrote the OOXML; the producer is the application
	 * that wrote the original, where the original says (OLE2 files).
	 */
	g_free(prov->producer);
	prov->producer = c->ole ? ole_producer(bytes) : NULL;
	g_bytes_unref(ooxml);
	return status;
}
