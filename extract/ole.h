/*
 * OLE2 compound files (XLS, DOC, WPS) through libgsf: what the container
 * says about the file, apart from the format's own streams.
 */
#ifndef SE_OLE_H
#define SE_OLE_H

#include <glib.h>

/*
 * The application that wrote the file, from its SummaryInformation
 * stream (PIDSI_APPNAME, e.g. "Microsoft Excel"), or NULL.
 */
char *ole_producer(GBytes *bytes);

/* SE_DAMAGED with error if libgsf cannot open the container, else SE_OK. */
int ole_check(GBytes *bytes, GError **error);

#endif
