/*
 * The grade bands a form states in its 说明 ("自评分合计90（含）-100分为
 * 优秀，75（含）-90分为良好…"), so that load can check the stated grade
 * against the score under the form's own rules. A form that states none
 * gets its family's bands from the template.
 */
#include <string.h>

#include "internal.h"

static void
add_band(struct report *r, char *grade, char *min, char *max)
{
	struct band *b = g_new0(struct band, 1);

	b->grade = grade;
	b->min = min;
	b->max = max;
	g_ptr_array_add(r->bands, b);
}

static void
template_bands(const struct template *t, struct report *r)
{
	char **items;

	if (t->grading == NULL)
		return;
	items = g_strsplit(t->grading, ";", 0);
	for (char **it = items; *it; it++) {
		char *colon = strchr(*it, ':'), *dash;
		if (colon == NULL || (dash = strchr(colon, '-')) == NULL)
			continue;
		add_band(r, g_strndup(*it, colon - *it),
		    g_strndup(colon + 1, dash - colon - 1), g_strdup(dash + 1));
	}
	g_strfreev(items);
}

void
grading_parse(struct form *f, struct report *r)
{
	struct parser *P = f->P;
	int from = f->indicators >= 0 ? f->indicators : f->body;
	char *text = lines_join(f->lines, from, f->n);
	size_t len = strlen(text), pos = 0;
	struct rx_match m;

	while (rx_find(&P->rx, P->band, text, len, pos, &m)) {
		add_band(r, rx_group(&m, text, 3), rx_group(&m, text, 1),
		    rx_group(&m, text, 2));
		pos = m.end[0];
	}
	pos = 0;
	while (rx_find(&P->rx, P->band_below, text, len, pos, &m)) {
		add_band(r, rx_group(&m, text, 2), g_strdup("0"),
		    rx_group(&m, text, 1));
		pos = m.end[0];
	}
	r->bands_stated = r->bands->len > 0;
	if (!r->bands_stated)
		template_bands(f->t, r);
	g_free(text);
}
