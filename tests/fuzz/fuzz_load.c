/*
 * libFuzzer harness: load's record reader. Each input is the JSON Lines
 * `selfeval load` reads, loaded into one archive inside a transaction
 * that is then rolled back, so every input meets the same archive. Audit
 * checks and normalizers run on whatever the records hold.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "archive.h"
#include "status.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Opened once: creating the schema is the slow part. */
static struct archive *A;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	GError *error = NULL;
	char *dir, *path;

	(void)argc;
	(void)argv;
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	if ((dir = g_dir_make_tmp("fuzz-load-XXXXXX", &error)) == NULL)
		g_error("%s", error->message);
	path = g_build_filename(dir, "fuzz.db", NULL);
	if ((A = archive_open(path, &error)) == NULL)
		g_error("%s: %s", path, error->message);
	g_free(path);
	g_free(dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GError *error = NULL;
	int n = 0, status;

	if (archive_begin(A, &error) != SE_OK)
		g_error("begin: %s", error->message);
	status = archive_load(A, (const char *)data, size, &n, &error);
	if (status != SE_OK) {
		/* A bad record is SE_RECORD with a reason, never a DB error. */
		if (error == NULL || status == SE_DB)
			abort();
		g_error_free(error);
	} else if (error != NULL)
		abort();
	archive_rollback(A);
	return 0;
}
