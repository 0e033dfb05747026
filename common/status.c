#include "status.h"

G_DEFINE_QUARK(selfeval-error-quark, se_error)

const char *
se_status_name(int status)
{
	static const char *const names[] = {
		[SE_OK] = "ok",
		[SE_FAIL] = "failed",
		[SE_USAGE] = "usage",
		[SE_IO] = "io",
		[SE_EMPTY] = "empty",
		[SE_NOTPDF] = "not-pdf",
		[SE_DAMAGED] = "damaged",
		[SE_ENCRYPTED] = "encrypted",
		[SE_ENCODING] = "encoding",
		[SE_NOFORM] = "no-form",
		[SE_NOTEXT] = "no-text",
		[SE_DB] = "database",
		[SE_RECORD] = "record",
		[SE_LIMIT] = "limit",
		[SE_INTERRUPTED] = "interrupted",
		[SE_FORMAT] = "format",
	};

	if (status < 0 || (size_t)status >= G_N_ELEMENTS(names) ||
	    names[status] == NULL)
		return "error";
	return names[status];
}
