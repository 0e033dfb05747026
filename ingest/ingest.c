/*
 * `selfeval ingest`: extract, parse and load every file named or found in
 * the folders named. N worker processes extract and parse (Poppler is not
 * thread-safe; a crash takes one worker, not the batch) while this
 * process, the only writer, loads each source inside a savepoint of its
 * own: the archive only ever holds whole sources, whatever stops the run.
 * Sources are committed in batches (BATCH_FILES, or BATCH_USEC old): a
 * commit per source cost the writer as much as a worker's extract of a
 * small form, and a run killed loses at most the batch, which the next
 * run reads again.
 */
#include <errno.h>
#include <getopt.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "archive.h"
#include "cli.h"
#include "commands.h"
#include "ocr.h"
#include "pdf.h"
#include "parse.h"
#include "progress.h"
#include "status.h"
#include "text.h"
#include "worker.h"

#define DEFAULT_MAX_BYTES (256LL << 20)
#define DEFAULT_MAX_PAGES 2000
#define DEFAULT_MAX_SECONDS 300
/* A worker may use this much address space before its file fails. */
#define WORKER_MEMORY (2LL << 30)
#define BATCH_FILES 64
#define BATCH_USEC 500000

static const char usage_text[] =
    "usage: selfeval ingest [-q] [-j N] [--force] [--password PW]\n"
    "                       [--ocr auto|always|never]\n"
    "                       [--templates DIR] [--max-bytes N] [--max-pages N]\n"
    "                       [--max-seconds N] [--max-cells N] [--shard K/N]\n"
    "                       DB PATH...\n"
    "\n"
    "Extract, parse and load every PATH into the archive DB: files as\n"
    "named, folders recursively (their PDF, text, HTML, Excel and Word\n"
    "files: *.pdf *.txt *.html *.htm *.shtml *.mht *.xlsx *.xls *.et *.docx\n"
    "*.doc *.wps *.rtf *.odt *.ods, and scans: *.png *.jpg *.jpeg *.tif\n"
    "*.tiff *.gif *.webp *.bmp *.jp2, read through OCR; others are\n"
    "counted as skipped). N worker\n"
    "processes extract and parse while one writer loads; each source is\n"
    "loaded whole or not at all (sources are committed together, at most\n"
    "64 or half a second's worth, so a killed run loses at most those, and\n"
    "running it again reads them). A source already in the archive (same\n"
    "SHA-256) is skipped and its new path recorded. A file that fails is\n"
    "named on stderr and recorded in the failure table, and the others go\n"
    "on. On a terminal a progress bar shows files, pages/s, ETA and\n"
    "failures; the run ends with one summary line. Ctrl-C finishes the\n"
    "source being written and stops.\n"
    "\n"
    "  -j N             worker processes (default: the number of cores)\n"
    "  --force          reload sources already in the archive\n"
    "  -q, --quiet      no progress bar and no summary (failures are named)\n"
    "  --password PW    password for encrypted PDFs\n"
    "  --ocr MODE       auto: OCR pages without usable text (default);\n"
    "                   always: every page; never: refuse scans\n"
    "  --templates DIR  form families from DIR/*.tmpl\n"
    "  --max-bytes N    refuse files larger than N bytes (default 256 MiB)\n"
    "  --max-pages N    refuse PDFs of more than N pages (default 2000)\n"
    "  --max-seconds N  give up on a file after N seconds (default 300)\n"
    "  --max-cells N    refuse workbooks (and Word tables) of more than N\n"
    "                   cells (default 500000)\n"
    "  --shard K/N      only the K-th of N parts of the files (by a hash of\n"
    "                   each path), for N machines sharing one file list;\n"
    "                   `selfeval merge` joins their archives\n";

/* Set by SIGINT/SIGTERM/SIGHUP; the loop finishes the source it writes, then stops. */
static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/*
 * Files a worker is given ahead: it reads the next while this process
 * loads the last, and a commit (tens of ms) never leaves it waiting.
 */
#define DEPTH 2

struct slot {
	pid_t pid;
	int to, from;		/* pipe ends: jobs out, frames in */
	int jobs[DEPTH];	/* file indexes sent, in order: jobs[0] is read now */
	int njobs;
	gint64 started;		/* when jobs[0] was begun */
	bool killed;		/* stopped by us for taking too long */
	GString *buf;
	/*
	 * jobs[0]'s warnings, said with its result: a file that then
	 * fails gets its one line, the failure's.
	 */
	GPtrArray *warned;
};

struct ingest {
	struct archive *a;
	struct worker_opts wo;
	GPtrArray *files;
	struct slot *slots;
	int nslots, next, last_status;
	double max_seconds;
	bool quiet;
	bool archive_failed;	/* a batch did not commit: the run exits 11 */
	long peak_kb;		/* largest worker resident set */
	int not_forms;		/* files in folders that are no form file */
	struct progress pr;
	/* The open transaction: since when, and what it holds. */
	gint64 batch_since;	/* 0: none open */
	int batch_files, batch_reports, batch_pages, batch_failed, batch_skipped;
};

/*
 * The ways a form is published. In a folder only these are read (extract
 * tells the format from the bytes, so a wrong one of them is fine).
 */
static gboolean
wanted(const char *name)
{
	static const char *const exts[] = { "pdf", "txt", "html", "htm",
	    "shtml", "xhtml", "mht", "mhtml", "xlsx", "xls", "et", "docx",
	    "doc", "wps", "rtf", "odt", "ods", "png", "jpg", "jpeg", "tif",
	    "tiff", "gif", "webp", "bmp", "jp2" };
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot != NULL && i < G_N_ELEMENTS(exts); i++)
		if (g_ascii_strcasecmp(dot + 1, exts[i]) == 0)
			return TRUE;
	return FALSE;
}

/*
 * Files under path, in a stable order; explicit files are always taken.
 * Files of a folder that are not form files are counted in *skipped.
 */
static void
walk(const char *path, gboolean top, GPtrArray *files, int *skipped)
{
	GDir *d;
	GPtrArray *names;
	const char *n;

	if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
		GStatBuf st;
		/*
		 * A path longer than the system takes cannot be told a
		 * folder: it fails when read, with its reason, rather than
		 * being counted as no form file.
		 */
		if (top || wanted(path) || (g_stat(path, &st) != 0 &&
		    errno == ENAMETOOLONG))
			g_ptr_array_add(files, g_strdup(path));
		else
			(*skipped)++;
		return;
	}
	if ((d = g_dir_open(path, 0, NULL)) == NULL) {
		g_ptr_array_add(files, g_strdup(path));	/* fails when read */
		return;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((n = g_dir_read_name(d)) != NULL)
		if (n[0] != '.')
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(d);
	g_ptr_array_sort(names, text_cmp_ptr);
	for (guint i = 0; i < names->len; i++) {
		char *sub = g_build_filename(path, names->pdata[i], NULL);
		walk(sub, FALSE, files, skipped);
		g_free(sub);
	}
	g_ptr_array_free(names, TRUE);
}

/* ---- the writer's side of a result ---- */

/* A savepoint for one source, in the batch's transaction (begun if need be). */
static int
source_begin(struct ingest *in, GError **e)
{
	if (in->batch_since == 0) {
		if (archive_begin(in->a, e) != SE_OK)
			return SE_DB;
		in->batch_since = g_get_monotonic_time();
		in->batch_files = in->batch_reports = in->batch_pages = 0;
		in->batch_failed = in->batch_skipped = 0;
	}
	return archive_mark(in->a, e);
}

/* Commit the batch. If that fails, its sources are not in the archive. */
static void
batch_commit(struct ingest *in)
{
	GError *e = NULL;

	if (in->batch_since == 0)
		return;
	in->batch_since = 0;
	if (archive_commit(in->a, &e) == SE_OK)
		return;
	archive_rollback(in->a);
	progress_say(&in->pr, "selfeval ingest: cannot commit %d source%s: %s",
	    in->batch_files, in->batch_files == 1 ? "" : "s", e->message);
	g_clear_error(&e);
	in->pr.failed += in->batch_files - in->batch_failed;
	in->pr.skipped -= in->batch_skipped;
	in->pr.reports -= in->batch_reports;
	in->pr.pages -= in->batch_pages;
	in->last_status = SE_DB;
	in->archive_failed = true;
}

static void
fail(struct ingest *in, const char *path, const char *sha, const char *stage,
    int status, const char *reason)
{
	GError *e = NULL;

	in->pr.failed++;
	progress_say(&in->pr, "selfeval ingest: %s: %s", path, reason);
	if (source_begin(in, &e) != SE_OK ||
	    archive_fail(in->a, path, sha, stage, status, reason, &e) != SE_OK ||
	    archive_keep(in->a, &e) != SE_OK) {
		if (in->batch_since != 0)
			archive_undo(in->a);
		progress_say(&in->pr, "selfeval ingest: %s: cannot record the "
		    "failure: %s", path, e->message);
		g_clear_error(&e);
	} else {
		in->batch_files++;
		in->batch_failed++;
	}
	in->last_status = status;
}

/* Records of one source, or the note that it is already there. */
static void
load(struct ingest *in, const char *path, const struct frame *f)
{
	GError *e = NULL;
	gint64 id = 0;
	int n = 0, status;

	status = source_begin(in, &e);
	if (status == SE_OK && f->sha[0] && (f->kind == 'S' || !in->wo.force))
		id = archive_source(in->a, f->sha, &e);
	if (status == SE_OK && id < 0)
		status = SE_DB;
	if (status == SE_OK && id > 0)
		status = archive_seen(in->a, id, path, &e);
	else if (status == SE_OK && f->kind == 'R')
		status = archive_load(in->a, f->payload, f->len, &n, &e);
	if (status == SE_OK)
		status = archive_forget(in->a, path, &e);
	if (status == SE_OK)
		status = archive_keep(in->a, &e);
	if (status != SE_OK) {
		if (in->batch_since != 0)
			archive_undo(in->a);
		fail(in, path, f->sha, "load", status, e ? e->message : "failed");
		g_clear_error(&e);
		return;
	}
	in->batch_files++;
	if (id > 0) {
		in->pr.skipped++;
		in->batch_skipped++;
	} else {
		in->pr.reports += n;
		in->pr.pages += f->pages;
		in->batch_reports += n;
		in->batch_pages += f->pages;
	}
}

static void assign(struct ingest *in, struct slot *s);

/* The file jobs[0] is done: the next one is begun. */
static void
pop(struct slot *s)
{
	memmove(s->jobs, s->jobs + 1, (DEPTH - 1) * sizeof s->jobs[0]);
	s->njobs--;
	s->started = g_get_monotonic_time();
}

static void
handle(struct ingest *in, struct slot *s, struct frame *f)
{
	const char *path = in->files->pdata[s->jobs[0]];

	if (f->kind == 'W') {
		if (s->warned == NULL)
			s->warned = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(s->warned, g_strdup(f->payload));
		return;		/* the result frame follows */
	}
	pop(s);
	assign(in, s);
	switch (f->kind) {
	case 'E':
		fail(in, path, f->sha[0] ? f->sha : NULL, f->stage, f->status,
		    f->payload);
		break;
	default:
		for (guint i = 0; s->warned && i < s->warned->len; i++)
			progress_say(&in->pr, "selfeval ingest: %s: %s", path,
			    (char *)s->warned->pdata[i]);
		load(in, path, f);
	}
	if (s->warned != NULL)
		g_ptr_array_set_size(s->warned, 0);
	in->pr.done++;
}

/* ---- workers ---- */

static bool
spawn(struct ingest *in, struct slot *s)
{
	int to[2], from[2];

	if (pipe(to) < 0)
		return false;
	if (pipe(from) < 0) {
		close(to[0]);
		close(to[1]);
		return false;
	}
	fflush(NULL);
	pid_t parent = getpid();
	s->pid = fork();
	if (s->pid < 0) {
		close(to[0]); close(to[1]); close(from[0]); close(from[1]);
		return false;
	}
	if (s->pid == 0) {
		/*
		 * The parent decides when workers stop; if it dies without
		 * deciding (SIGKILL, the OOM killer), so do they.
		 */
		signal(SIGINT, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		signal(SIGTERM, SIG_DFL);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
#ifndef __SANITIZE_ADDRESS__
		/* (AddressSanitizer reserves terabytes of shadow memory.) */
		struct rlimit rl = { WORKER_MEMORY, WORKER_MEMORY };
		setrlimit(RLIMIT_AS, &rl);
#endif
		for (int i = 0; i < in->nslots; i++)
			if (&in->slots[i] != s && in->slots[i].pid > 0) {
				close(in->slots[i].to);
				close(in->slots[i].from);
			}
		close(to[1]);
		close(from[0]);
		worker_loop(to[0], from[1], &in->wo);
		/* Not exit(): the archive connection is the parent's. */
		_exit(0);
	}
	close(to[0]);
	close(from[1]);
	s->to = to[1];
	s->from = from[0];
	s->njobs = 0;
	s->killed = false;
	if (s->buf == NULL)
		s->buf = g_string_new(NULL);
	g_string_truncate(s->buf, 0);
	return true;
}

static void
reap(struct ingest *in, struct slot *s, int *wstatus)
{
	struct rusage ru;

	close(s->to);
	close(s->from);
	if (wait4(s->pid, wstatus, 0, &ru) > 0 && ru.ru_maxrss > in->peak_kb)
		in->peak_kb = ru.ru_maxrss;
	s->pid = 0;
}

/* Send file job to the worker. */
static void
send_job(struct slot *s, int job, const char *path)
{
	if (s->njobs == 0)
		s->started = g_get_monotonic_time();
	s->jobs[s->njobs++] = job;
	/* A worker gone is told by its EOF (worker_gone), not here. */
	ssize_t w = write(s->to, path, strlen(path) + 1);
	(void)w;
}

static void
assign(struct ingest *in, struct slot *s)
{
	while (!interrupted && in->next < (int)in->files->len &&
	    s->pid > 0 && s->njobs < DEPTH) {
		int job = in->next++;
		send_job(s, job, in->files->pdata[job]);
	}
}

/*
 * A worker ended: the file it was reading fails, and a new worker takes
 * the files it had been given after it.
 */
static void
worker_gone(struct ingest *in, struct slot *s)
{
	int ws = 0, job = s->njobs > 0 ? s->jobs[0] : -1;
	int rest[DEPTH], nrest = MAX(s->njobs - 1, 0);
	bool killed = s->killed;

	memcpy(rest, s->jobs + 1, nrest * sizeof rest[0]);
	reap(in, s, &ws);
	s->njobs = 0;
	if (s->warned != NULL)	/* the crash is the file's one line */
		g_ptr_array_set_size(s->warned, 0);
	if (job >= 0) {
		char *why = killed ? g_strdup_printf("took longer than %.0f s, "
		    "stopped", in->max_seconds) : WIFSIGNALED(ws) ?
		    g_strdup_printf("crashed the reader (signal %d, %s)",
		    WTERMSIG(ws), strsignal(WTERMSIG(ws))) :
		    g_strdup("the reader stopped unexpectedly");
		fail(in, in->files->pdata[job], NULL, "extract",
		    killed ? SE_LIMIT : SE_DAMAGED, why);
		g_free(why);
		in->pr.done++;
	}
	if (interrupted || (nrest == 0 && in->next >= (int)in->files->len))
		return;
	if (!spawn(in, s)) {
		for (int i = 0; i < nrest; i++) {
			fail(in, in->files->pdata[rest[i]], NULL, "extract",
			    SE_DAMAGED, "no reader process could be started");
			in->pr.done++;
		}
		return;
	}
	for (int i = 0; i < nrest; i++)
		send_job(s, rest[i], in->files->pdata[rest[i]]);
	assign(in, s);
}

static void
run(struct ingest *in)
{
	struct pollfd *pfd = g_new(struct pollfd, in->nslots);
	char chunk[65536];

	for (int i = 0; i < in->nslots; i++)
		if (spawn(in, &in->slots[i]))
			assign(in, &in->slots[i]);
	for (;;) {
		int busy = 0;
		for (int i = 0; i < in->nslots; i++) {
			pfd[i].fd = in->slots[i].pid > 0 ? in->slots[i].from : -1;
			pfd[i].events = POLLIN;
			busy += in->slots[i].njobs > 0;
		}
		if (busy == 0 || interrupted)
			break;
		if (poll(pfd, in->nslots, 200) < 0 && errno != EINTR)
			break;
		gint64 now = g_get_monotonic_time();
		for (int i = 0; i < in->nslots && !interrupted; i++) {
			struct slot *s = &in->slots[i];
			struct frame f;
			if (s->pid <= 0)
				continue;
			if (pfd[i].revents & (POLLIN | POLLHUP)) {
				ssize_t r = read(s->from, chunk, sizeof chunk);
				if (r > 0)
					g_string_append_len(s->buf, chunk, r);
				else if (r == 0 || errno != EINTR) {
					worker_gone(in, s);
					continue;
				}
			}
			while (s->njobs > 0 && frame_take(s->buf, &f)) {
				handle(in, s, &f);
				g_free(f.payload);
			}
			/* A backstop for a file that hangs inside a page. */
			if (s->njobs > 0 && !s->killed && in->max_seconds > 0 &&
			    now - s->started > (in->max_seconds + 10) * 1e6) {
				kill(s->pid, SIGKILL);
				s->killed = true;
			}
		}
		if (in->batch_since != 0 && (in->batch_files >= BATCH_FILES ||
		    g_get_monotonic_time() - in->batch_since >= BATCH_USEC))
			batch_commit(in);
		progress_draw(&in->pr, false);
	}
	batch_commit(in);
	/* Done, or stopped: close the job pipes; idle workers exit on EOF. */
	for (int i = 0; i < in->nslots; i++) {
		struct slot *s = &in->slots[i];
		int ws;
		if (s->pid <= 0)
			continue;
		if (s->njobs > 0 || interrupted)
			kill(s->pid, SIGKILL);
		reap(in, s, &ws);
	}
	g_free(pfd);
}

/*
 * Keep the files of shard k of n (1-based): those whose path's SHA-256,
 * read as a number, is k - 1 modulo n. Every machine given the same list
 * takes the same part, with nothing to agree on but k and n.
 */
static void
take_shard(GPtrArray *files, int k, int n)
{
	guint kept = 0;

	for (guint i = 0; i < files->len; i++) {
		const char *path = files->pdata[i];
		guint8 d[32];
		gsize len = sizeof d;
		GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
		guint64 h = 0;

		g_checksum_update(ck, (const guchar *)path, strlen(path));
		g_checksum_get_digest(ck, d, &len);
		g_checksum_free(ck);
		for (int b = 0; b < 8; b++)
			h = h << 8 | d[b];
		if (h % (guint64)n == (guint64)(k - 1))
			files->pdata[kept++] = files->pdata[i];
		else
			g_free(files->pdata[i]);
	}
	/* The pointers left past `kept` were moved or freed above. */
	g_ptr_array_set_free_func(files, NULL);
	g_ptr_array_set_size(files, kept);
	g_ptr_array_set_free_func(files, g_free);
}

static long
number(const char *arg, const char *opt)
{
	char *end;
	long long v = strtoll(arg, &end, 10);

	if (*end != '\0' || v < 0) {
		se_warnx("ingest", "%s needs a number, not '%s'", opt, arg);
		exit(SE_USAGE);
	}
	return (long)v;
}

int
cmd_ingest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "password", required_argument, NULL, 'p' },
		{ "ocr", required_argument, NULL, 'o' },
		{ "templates", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "force", no_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "max-bytes", required_argument, NULL, 'B' },
		{ "max-pages", required_argument, NULL, 'P' },
		{ "max-seconds", required_argument, NULL, 'S' },
		{ "shard", required_argument, NULL, 'K' },
		{ "max-cells", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ingest in = { 0 };
	const char *tdir = NULL;
	GError *error = NULL;
	struct sigaction sa = { 0 };
	int c, status, jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	int shard = 0, nshards = 0;

	in.wo.xo.max_bytes = DEFAULT_MAX_BYTES;
	in.wo.xo.max_pages = DEFAULT_MAX_PAGES;
	in.max_seconds = DEFAULT_MAX_SECONDS;
	in.wo.xo.max_cells = EXTRACT_MAX_CELLS;
	while ((c = getopt_long(argc, argv, "hqj:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': in.wo.xo.password = optarg; break;
		case 'o':
			if (!extract_ocr_mode(optarg, &in.wo.xo.ocr)) {
				se_warnx("ingest", "--ocr takes auto, always or "
				    "never, not '%s'", optarg);
				return SE_USAGE;
			}
			break;
		case 't': tdir = optarg; break;
		case 'q': in.quiet = true; break;
		case 'f': in.wo.force = true; break;
		case 'j': jobs = (int)number(optarg, "-j"); break;
		case 'B': in.wo.xo.max_bytes = number(optarg, "--max-bytes"); break;
		case 'P': in.wo.xo.max_pages = (int)number(optarg, "--max-pages"); break;
		case 'S': in.max_seconds = (double)number(optarg, "--max-seconds"); break;
		case 'K':
			if (sscanf(optarg, "%d/%d%c", &shard, &nshards,
			    (char[2]){ 0 }) != 2 || nshards < 1 || shard < 1 ||
			    shard > nshards) {
				se_warnx("ingest", "--shard needs K/N with 1 <= K "
				    "<= N, not '%s'", optarg);
				return SE_USAGE;
			}
			break;
		case 'C': in.wo.xo.max_cells = (long)number(optarg, "--max-cells"); break;
		default:
			return se_usage(usage_text, c == 'h');
		}
	}
	if (argc - optind < 2 || jobs < 1)
		return se_usage(usage_text, false);
	in.wo.xo.max_seconds = in.max_seconds;
	/*
	 * Allocated here, started in each worker on its first scan (the
	 * keeper: its first PDF): after fork every worker has its own.
	 */
	in.wo.xo.engine = ocr_engine_new();
	in.wo.xo.keeper = pdf_keeper_new();
	if ((in.wo.P = parser_new(tdir, &error)) == NULL) {
		ocr_engine_free(in.wo.xo.engine);
		pdf_keeper_free(in.wo.xo.keeper);
		return se_fail("ingest", tdir ? tdir : "templates", error);
	}
	if ((in.a = archive_open(argv[optind], &error)) == NULL ||
	    (in.wo.loaded = archive_sources(in.a, &error)) == NULL) {
		archive_close(in.a);
		parser_free(in.wo.P);
		ocr_engine_free(in.wo.xo.engine);
		pdf_keeper_free(in.wo.xo.keeper);
		return se_fail("ingest", argv[optind], error);
	}
	in.files = g_ptr_array_new_with_free_func(g_free);
	for (int i = optind + 1; i < argc; i++)
		walk(argv[i], TRUE, in.files, &in.not_forms);
	if (nshards > 0)
		take_shard(in.files, shard, nshards);
	in.nslots = MIN(jobs, MAX((int)in.files->len, 1));
	in.slots = g_new0(struct slot, in.nslots);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);	/* a closed terminal or ssh session */
	signal(SIGPIPE, SIG_IGN);

	progress_init(&in.pr, (int)in.files->len, in.quiet);
	run(&in);
	progress_done(&in.pr);
	if (!in.quiet) {
		double t = progress_elapsed(&in.pr);
		char *other = in.not_forms > 0 ? g_strdup_printf(
		    "%d skipped: not a form file, ", in.not_forms) :
		    g_strdup("");
		se_warnx("ingest", "%s%d file%s, %d report%s, %d skipped, "
		    "%d failed, %s%.1f pages/s (%.1f s), worker peak %.1f MiB",
		    interrupted ? "interrupted: " : "", in.pr.done,
		    in.pr.done == 1 ? "" : "s", in.pr.reports,
		    in.pr.reports == 1 ? "" : "s", in.pr.skipped, in.pr.failed,
		    other, t > 0 ? in.pr.pages / t : 0.0, t,
		    in.peak_kb / 1024.0);
		g_free(other);
	}
	/* One file: its own reason; several: "some failed". */
	status = interrupted ? SE_INTERRUPTED : in.archive_failed ? SE_DB :
	    in.pr.failed == 0 ? SE_OK :
	    in.files->len == 1 ? in.last_status : SE_FAIL;
	for (int i = 0; i < in.nslots; i++) {
		if (in.slots[i].buf)
			g_string_free(in.slots[i].buf, TRUE);
		if (in.slots[i].warned)
			g_ptr_array_free(in.slots[i].warned, TRUE);
	}
	g_free(in.slots);
	g_ptr_array_free(in.files, TRUE);
	g_hash_table_destroy(in.wo.loaded);
	archive_close(in.a);
	parser_free(in.wo.P);
	ocr_engine_free(in.wo.xo.engine);
	pdf_keeper_free(in.wo.xo.keeper);
	return status;
}
