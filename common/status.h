/*
 * Exit statuses and the error domain every stage reports through.
 *
 * A library function that fails sets a GError in SE_ERROR whose code is one
 * of these statuses, so the command on top can exit with a status that says
 * what went wrong without parsing the message.
 */
#ifndef SE_STATUS_H
#define SE_STATUS_H

#include <glib.h>

enum se_status {
	SE_OK = 0,
	SE_FAIL = 1,		/* some files of a batch failed */
	SE_USAGE = 2,		/* bad command line */
	SE_IO = 3,		/* cannot open or read a file */
	SE_EMPTY = 4,		/* empty file */
	SE_NOTPDF = 5,		/* named .pdf but not a PDF */
	SE_DAMAGED = 6,		/* truncated or damaged PDF */
	SE_ENCRYPTED = 7,	/* encrypted PDF, password missing or wrong */
	SE_ENCODING = 8,	/* text in an unknown encoding, or binary */
	SE_NOFORM = 9,		/* no recognisable form in the text */
	SE_NOTEXT = 10,		/* PDF pages without a usable text layer */
	SE_DB = 11,		/* the archive could not be written */
	SE_RECORD = 12,		/* a record given to load is malformed */
	SE_LIMIT = 13,		/* a resource bound (size, pages, time) hit */
	SE_INTERRUPTED = 14,	/* stopped by a signal */
	SE_FORMAT = 15,		/* a recognised format extract cannot read */
};

#define SE_ERROR (se_error_quark())
GQuark se_error_quark(void);

/* Short name of a status, as stored in the archive's failure table. */
const char *se_status_name(int status);

#endif
