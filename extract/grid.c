/*
 * Tables from ruling lines. Lines that cross form a table; its grid is
 * every distinct line position; an elementary cell joins its neighbour
 * where no rule separates them, which is how merged cells come out.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geom.h"

#define SNAP 2.0	/* points: lines closer than this are one line */
#define GAP 3.0		/* points: collinear pieces closer than this join */

static int
by_pos(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;

	if (fabs(x->pos - y->pos) > 1e-9)
		return x->pos < y->pos ? -1 : 1;
	return x->a < y->a ? -1 : x->a > y->a;
}

static int
by_a(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;

	return x->a < y->a ? -1 : x->a > y->a;
}

void
segs_merge(GArray *segs)
{
	segs_join(segs, GAP);
}

void
segs_join(GArray *segs, double gap)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(struct seg));
	guint i = 0;

	g_array_sort(segs, by_pos);
	while (i < segs->len) {
		/* A cluster of lines at about the same position. */
		guint j = i + 1;
		double sum = g_array_index(segs, struct seg, i).pos;
		while (j < segs->len && g_array_index(segs, struct seg, j).pos -
		    g_array_index(segs, struct seg, j - 1).pos <= SNAP)
			sum += g_array_index(segs, struct seg, j++).pos;
		double pos = sum / (j - i);
		qsort(&g_array_index(segs, struct seg, i), j - i,
		    sizeof(struct seg), by_a);
		struct seg cur = g_array_index(segs, struct seg, i);
		cur.pos = pos;
		for (guint k = i + 1; k < j; k++) {
			struct seg *s = &g_array_index(segs, struct seg, k);
			if (s->a <= cur.b + gap)
				cur.b = MAX(cur.b, s->b);
			else {
				g_array_append_val(out, cur);
				cur = *s;
				cur.pos = pos;
			}
		}
		g_array_append_val(out, cur);
		i = j;
	}
	g_array_set_size(segs, 0);
	g_array_append_vals(segs, out->data, out->len);
	g_array_free(out, TRUE);
}

static int
find(int *parent, int i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static void
unite(int *parent, int a, int b)
{
	a = find(parent, a);
	b = find(parent, b);
	if (a != b)
		parent[MAX(a, b)] = MIN(a, b);
}

static bool
crosses(const struct seg *h, const struct seg *v, double touch)
{
	return v->pos >= h->a - touch && v->pos <= h->b + touch &&
	    h->pos >= v->a - touch && h->pos <= v->b + touch;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double
median(GArray *vals)
{
	if (vals->len == 0)
		return 0;
	qsort(vals->data, vals->len, sizeof(double), cmp_double);
	return g_array_index(vals, double, vals->len / 2);
}

/* Distinct positions, closer ones snapped together. */
static double *
distinct(GArray *vals, int *n)
{
	double *v = (double *)vals->data, *out = g_new(double, vals->len);
	int k = 0;

	qsort(v, vals->len, sizeof(double), cmp_double);
	for (guint i = 0; i < vals->len; i++)
		if (k == 0 || v[i] - out[k - 1] > SNAP)
			out[k++] = v[i];
	*n = k;
	return out;
}

/*
 * Is the edge from a to b at pos ruled? Rules at pos must cover most of
 * it: a rule broken where text touches it still separates two cells.
 */
static bool
ruled(const GArray *segs, const GArray *members, double pos, double a,
    double b)
{
	double covered = 0;

	for (guint i = 0; i < members->len; i++) {
		const struct seg *s = &g_array_index(segs, struct seg,
		    g_array_index(members, int, i));
		if (fabs(s->pos - pos) <= SNAP)
			covered += MAX(0, MIN(s->b, b) - MAX(s->a, a));
	}
	return covered >= 0.5 * (b - a);
}

bool
rule_covers(const GArray *segs, double pos, double a, double b)
{
	double covered = 0;

	for (guint i = 0; i < segs->len; i++) {
		const struct seg *s = &g_array_index(segs, struct seg, i);
		if (fabs(s->pos - pos) <= SNAP)
			covered += MAX(0, MIN(s->b, b) - MAX(s->a, a));
	}
	return covered >= 0.5 * (b - a);
}

static struct table *
make_table(const GArray *hsegs, const GArray *vsegs, GArray *hm, GArray *vm)
{
	struct table *t = g_new0(struct table, 1);
	GArray *xs = g_array_new(FALSE, FALSE, sizeof(double));
	GArray *ys = g_array_new(FALSE, FALSE, sizeof(double));
	int nr, nc, *parent;
	double minx = G_MAXDOUBLE, maxx = -G_MAXDOUBLE;
	double miny = G_MAXDOUBLE, maxy = -G_MAXDOUBLE;

	for (guint i = 0; i < vm->len; i++) {
		const struct seg *s = &g_array_index(vsegs, struct seg,
		    g_array_index(vm, int, i));
		g_array_append_val(xs, s->pos);
		miny = MIN(miny, s->a);
		maxy = MAX(maxy, s->b);
	}
	for (guint i = 0; i < hm->len; i++) {
		const struct seg *s = &g_array_index(hsegs, struct seg,
		    g_array_index(hm, int, i));
		g_array_append_val(ys, s->pos);
		minx = MIN(minx, s->a);
		maxx = MAX(maxx, s->b);
	}
	/* A table without outer side rules is still bounded by its lines. */
	g_array_append_val(xs, minx);
	g_array_append_val(xs, maxx);
	g_array_append_val(ys, miny);
	g_array_append_val(ys, maxy);
	t->xs = distinct(xs, &t->nx);
	t->ys = distinct(ys, &t->ny);
	g_array_free(xs, TRUE);
	g_array_free(ys, TRUE);
	nr = t->ny - 1;
	nc = t->nx - 1;
	t->cells = g_ptr_array_new();
	if (nr < 1 || nc < 1)
		return t;
	parent = g_new(int, nr * nc);
	for (int i = 0; i < nr * nc; i++)
		parent[i] = i;
	for (int r = 0; r < nr; r++)
		for (int c = 0; c < nc; c++) {
			if (c + 1 < nc && !ruled(vsegs, vm, t->xs[c + 1],
			    t->ys[r], t->ys[r + 1]))
				unite(parent, r * nc + c, r * nc + c + 1);
			if (r + 1 < nr && !ruled(hsegs, hm, t->ys[r + 1],
			    t->xs[c], t->xs[c + 1]))
				unite(parent, r * nc + c, (r + 1) * nc + c);
		}
	t->owner = g_new(int, nr * nc);
	GHashTable *index = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (int i = 0; i < nr * nc; i++) {
		int root = find(parent, i), r = i / nc, c = i % nc;
		gpointer k = GINT_TO_POINTER(root + 1), v;
		struct cell *cell;
		if (!g_hash_table_lookup_extended(index, k, NULL, &v)) {
			cell = g_new0(struct cell, 1);
			cell->r0 = cell->r1 = r;
			cell->c0 = cell->c1 = c;
			v = GINT_TO_POINTER(t->cells->len);
			g_ptr_array_add(t->cells, cell);
			g_hash_table_insert(index, k, v);
		}
		cell = g_ptr_array_index(t->cells, GPOINTER_TO_INT(v));
		cell->r0 = MIN(cell->r0, r);
		cell->r1 = MAX(cell->r1, r);
		cell->c0 = MIN(cell->c0, c);
		cell->c1 = MAX(cell->c1, c);
		t->owner[i] = GPOINTER_TO_INT(v);
	}
	for (guint i = 0; i < t->cells->len; i++) {
		struct cell *cell = g_ptr_array_index(t->cells, i);
		cell->x1 = t->xs[cell->c0];
		cell->x2 = t->xs[cell->c1 + 1];
		cell->y1 = t->ys[cell->r0];
		cell->y2 = t->ys[cell->r1 + 1];
	}
	g_hash_table_destroy(index);
	g_free(parent);
	return t;
}

GPtrArray *
tables_build(const GArray *hsegs, const GArray *vsegs, double touch)
{
	int nh = (int)hsegs->len, nv = (int)vsegs->len, n = nh + nv;
	int *parent = g_new(int, n ? n : 1);
	GPtrArray *tables = g_ptr_array_new_with_free_func(table_free);

	for (int i = 0; i < n; i++)
		parent[i] = i;
	for (int i = 0; i < nh; i++)
		for (int j = 0; j < nv; j++)
			if (crosses(&g_array_index(hsegs, struct seg, i),
			    &g_array_index(vsegs, struct seg, j), touch))
				unite(parent, i, nh + j);
	for (int root = 0; root < n; root++) {
		if (find(parent, root) != root)
			continue;
		GArray *hm = g_array_new(FALSE, FALSE, sizeof(int));
		GArray *vm = g_array_new(FALSE, FALSE, sizeof(int));
		for (int i = 0; i < n; i++) {
			if (find(parent, i) != root)
				continue;
			int k = i < nh ? i : i - nh;
			g_array_append_val(i < nh ? hm : vm, k);
		}
		/* A box needs two lines each way; fewer is an underline. */
		if (hm->len >= 2 && vm->len >= 2)
			g_ptr_array_add(tables, make_table(hsegs, vsegs, hm, vm));
		g_array_free(hm, TRUE);
		g_array_free(vm, TRUE);
	}
	g_free(parent);
	return tables;
}

void
table_free(gpointer p)
{
	struct table *t = p;

	for (guint i = 0; i < t->cells->len; i++) {
		struct cell *c = g_ptr_array_index(t->cells, i);
		g_free(c->text);
		g_free(c);
	}
	g_ptr_array_free(t->cells, TRUE);
	g_free(t->owner);
	g_free(t->xs);
	g_free(t->ys);
	g_free(t);
}

static int
slot(const double *v, int n, double x)
{
	int lo = 0, hi = n - 1;

	if (n < 2 || x < v[0] || x > v[n - 1])
		return -1;
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (x < v[mid])
			hi = mid;
		else
			lo = mid;
	}
	return lo;
}

int
table_cell_at(const struct table *t, double x, double y)
{
	int c = slot(t->xs, t->nx, x), r = slot(t->ys, t->ny, y);

	if (c < 0 || r < 0 || t->owner == NULL)
		return -1;
	return t->owner[r * (t->nx - 1) + c];
}
