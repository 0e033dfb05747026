#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "provenance.h"
#include "sha256.h"
#include "status.h"
#include "worker.h"

static bool
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static bool
send_frame(int fd, char kind, int status, int pages, const char *sha,
    const char *stage, const char *payload, size_t len)
{
	char head[160];
	int n = g_snprintf(head, sizeof head, "%c %d %d %s %s %zu\n", kind,
	    status, pages, sha && *sha ? sha : "-", stage ? stage : "-", len);

	return write_all(fd, head, (size_t)n) && write_all(fd, payload, len);
}

bool
frame_take(GString *buf, struct frame *f)
{
	const char *nl = memchr(buf->str, '\n', buf->len);
	char kind, sha[65], stage[16];
	int status, pages;
	size_t len, head;

	if (nl == NULL)
		return false;
	head = (size_t)(nl - buf->str) + 1;
	if (sscanf(buf->str, "%c %d %d %64s %15s %zu", &kind, &status, &pages,
	    sha, stage, &len) != 6)
		g_error("ingest: garbled frame from a worker");
	if (buf->len < head + len)
		return false;
	f->kind = kind;
	f->status = status;
	f->pages = pages;
	g_strlcpy(f->sha, strcmp(sha, "-") ? sha : "", sizeof f->sha);
	g_strlcpy(f->stage, stage, sizeof f->stage);
	f->payload = g_strndup(buf->str + head, len);
	f->len = len;
	g_string_erase(buf, 0, (gssize)(head + len));
	return true;
}

static char *
file_sha(const char *path)
{
	GMappedFile *mf = g_mapped_file_new(path, FALSE, NULL);
	char *sha = NULL;

	if (mf != NULL) {
		sha = sha256_hex(g_mapped_file_get_contents(mf),
		    g_mapped_file_get_length(mf));
		g_mapped_file_unref(mf);
	}
	return sha;
}

static bool
serve(const char *path, int out, const struct worker_opts *o)
{
	GString *text = g_string_new(NULL), *records = g_string_new(NULL);
	GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
	GError *error = NULL;
	char *sha = file_sha(path);
	struct provenance prov = { 0 };
	const char *nl;
	int status, n = 0;
	bool ok;

	if (sha && !o->force && g_hash_table_contains(o->loaded, sha)) {
		ok = send_frame(out, 'S', SE_OK, 0, sha, NULL, "", 0);
		goto out;
	}
	status = extract_file(path, sha, &o->xo, text, warnings, &error);
	for (guint i = 0; i < warnings->len; i++)
		send_frame(out, 'W', SE_OK, 0, sha, "extract", warnings->pdata[i],
		    strlen(warnings->pdata[i]));
	if (status != SE_OK) {
		ok = send_frame(out, 'E', status, 0, sha, "extract",
		    error->message, strlen(error->message));
		goto out;
	}
	nl = memchr(text->str, '\n', text->len);
	if (nl)
		prov_read(text->str, (size_t)(nl - text->str), &prov, NULL);
	status = parser_run(o->P, path, text->str, text->len, records, &n,
	    &error);
	if (status != SE_OK)
		ok = send_frame(out, 'E', status, prov.pages, sha, "parse",
		    error->message, strlen(error->message));
	else
		ok = send_frame(out, 'R', SE_OK, prov.pages, sha, NULL,
		    records->str, records->len);
out:
	prov_clear(&prov);
	g_clear_error(&error);
	g_free(sha);
	g_ptr_array_free(warnings, TRUE);
	g_string_free(text, TRUE);
	g_string_free(records, TRUE);
	return ok;
}

void
worker_loop(int in, int out, const struct worker_opts *o)
{
	GString *buf = g_string_new(NULL);
	char chunk[4096];

	for (;;) {
		char *nul = memchr(buf->str, '\0', buf->len);
		if (nul != NULL) {
			char *path = g_strdup(buf->str);
			g_string_erase(buf, 0, (gssize)(nul - buf->str) + 1);
			bool ok = serve(path, out, o);
			g_free(path);
			if (!ok)
				break;
			continue;
		}
		ssize_t r = read(in, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		g_string_append_len(buf, chunk, r);
	}
	g_string_free(buf, TRUE);
}
