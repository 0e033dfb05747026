/*
 * libFuzzer harness: extract's text decoder (UTF-8 with or without BOM,
 * UTF-16LE/BE with BOM, GB18030) on arbitrary bytes. What it returns must
 * be valid UTF-8 without NUL, or NULL with an error set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "textfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GError *error = NULL;
	char *s = textfile_decode((const char *)data, size, NULL, &error);

	if (s != NULL) {
		/* The contract parse relies on: UTF-8, no CR, no NUL. */
		if (!g_utf8_validate(s, -1, NULL) || strchr(s, '\r') != NULL ||
		    error != NULL)
			abort();
		g_free(s);
	} else {
		if (error == NULL || error->message == NULL)
			abort();
		g_error_free(error);
	}
	return 0;
}
