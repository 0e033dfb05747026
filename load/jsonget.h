/*
 * Typed reads of a parsed record (json-glib): each gives NULL, or the
 * default, when the member is missing or of another type, so a record a
 * user edited by hand can never crash load.
 */
#ifndef SE_JSONGET_H
#define SE_JSONGET_H

#include <json-glib/json-glib.h>

const char *jstr(JsonObject *o, const char *name);
gint64 jint(JsonObject *o, const char *name, gint64 dflt);
JsonObject *jobj(JsonObject *o, const char *name);
JsonArray *jarr(JsonObject *o, const char *name);
guint jlen(JsonArray *a);

#endif
