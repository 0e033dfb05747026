/*
 * genrecords: N synthetic records for `selfeval load`, to measure an
 * archive of a million reports without a million PDFs.
 *
 *   genrecords [-s SEED] [-f FIRST] N TEMPLATE.jsonl...
 *
 * The templates are records parse wrote from real forms (scripts/bench-
 * archive takes those of tests/genrecords.fixtures, every form family),
 * so every record is one load accepts, of a real family's shape and size.
 * Record i (counted from FIRST) is template i mod T with what differs
 * between two real reports made different: the source (path, SHA-256),
 * unit, project, year, money and scores, and the wording of goals and
 * findings, drawn from the phrase lists below, with the figures parse
 * would find in them; about one finding in twenty says that funds were
 * paid late (拨付不及时), for the full-text search to find. The same
 * arguments give the same records.
 */
#include <json-glib/json-glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const cities[] = {
	"岳阳市", "常德市", "绵阳市", "南充市", "宜宾市", "赣州市", "九江市",
	"洛阳市", "南阳市", "襄阳市", "宜昌市", "遵义市", "曲靖市", "大理州",
	"桂林市", "柳州市", "泉州市", "漳州市", "温州市", "金华市", "台州市",
	"扬州市", "盐城市", "徐州市", "潍坊市", "临沂市", "济宁市", "保定市",
	"邯郸市", "大同市", "榆林市", "天水市", "西宁市", "银川市", "喀什地区",
	"哈密市", "齐齐哈尔市", "吉林市", "鞍山市", "赤峰市", "株洲市",
};
static const char *const counties[] = {
	"", "城区", "东区", "西区", "新区", "开发区", "第一县", "第二县",
	"经济技术开发区", "高新区", "芦淞区",
};
static const char *const agencies[] = {
	"农业农村局", "教育局", "水利局", "卫生健康委员会", "民政局",
	"交通运输局", "自然资源局", "生态环境局", "住房和城乡建设局",
	"文化广电旅游局", "人力资源和社会保障局", "市场监督管理局",
	"林业局", "应急管理局", "退役军人事务局", "乡村振兴局",
	"农村饮水安全服务中心", "疾病预防控制中心", "第一人民医院",
	"职业技术学校", "图书馆", "公路事务中心", "水文站", "气象局",
	"统计局", "审计局", "财政局", "医疗保障局", "体育局", "档案馆",
	"粮食和物资储备局", "畜牧水产事务中心", "农业技术推广服务中心",
	"残疾人联合会", "妇幼保健院", "中心血站", "殡仪馆", "救助管理站",
	"广播电视台", "博物馆", "城市供水服务中心",
};
static const char *const projects[] = {
	"农村饮水安全工程维修养护补助资金", "高标准农田建设项目",
	"义务教育学校改薄项目", "基本公共卫生服务补助资金",
	"城乡居民最低生活保障资金", "农村公路养护专项资金",
	"耕地保护与质量提升项目", "大气污染防治专项资金",
	"老旧小区改造补助资金", "公共文化服务体系建设专项",
	"就业创业补助资金", "食品安全抽检监测经费", "森林防火专项经费",
	"防汛抗旱物资储备经费", "优抚对象抚恤补助资金",
	"乡村振兴衔接资金项目", "重大疾病防控经费", "学生资助补助经费",
	"河道综合治理工程", "智慧城市信息化建设项目",
};
static const char *const openings[] = {
	"全年完成", "项目实施后", "截至年底", "通过项目实施，", "本年度累计",
	"按照年初计划，", "在各有关单位配合下，",
};
/* What was done, and how much: the sentence's figure and its unit. */
static const struct deed {
	const char *what, *unit;
} deeds[] = {
	{ "维修养护工程", "处" }, { "培训基层人员", "人次" },
	{ "发放补助资金", "万元" }, { "新建改造设施", "个" },
	{ "覆盖服务对象", "户" }, { "完成检测", "份" },
	{ "组织现场督查", "次" }, { "完成招标采购", "项" },
};
static const char *const problems[] = {
	"部分资金拨付不及时，影响项目进度", "项目前期论证不够充分",
	"绩效目标设置不够细化、量化", "部分设施建成后管护不到位",
	"资金使用台账不够规范", "项目实施进度滞后于计划",
	"受益群众参与度有待提高", "部分指标完成值未达到年度目标",
	"信息公开不够及时", "配套资金到位率偏低",
};
static const char *const measures[] = {
	"加快资金拨付进度，建立月调度机制", "加强项目前期论证和储备",
	"细化量化绩效目标", "落实设施管护责任", "规范资金使用台账",
	"强化过程监控，按月通报进度", "加大政策宣传力度",
};

/* A small fast generator: the same seed, the same records. */
static guint64
next(guint64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

#define PICK(s, a) ((a)[next(s) % G_N_ELEMENTS(a)])

/* Money as the forms write it, with the template's decimals. */
static char *
money(guint64 *s, const char *like, double lo, double hi)
{
	const char *dot = like ? strchr(like, '.') : NULL;
	int dec = dot ? (int)strspn(dot + 1, "0123456789") : 2;
	double v = lo + (hi - lo) * (double)(next(s) % 1000000) / 1e6;

	return g_strdup_printf("%.*f", dec, v);
}

static void
set_str(JsonObject *o, const char *key, char *val)
{
	if (json_object_has_member(o, key))
		json_object_set_string_member(o, key, val);
	g_free(val);
}

/*
 * A sentence from list; with deeds_after, a deed and its figure follow,
 * and quantities (if not NULL) gets the figure as parse would list it.
 */
static char *
sentence(guint64 *s, const char *const *list, size_t n, bool deeds_after,
    JsonArray *quantities)
{
	GString *t = g_string_new(list[next(s) % n]);

	if (deeds_after) {
		const struct deed *d = &PICK(s, deeds);
		char *value = g_strdup_printf("%d", (int)(next(s) % 500 + 1));
		if (!g_str_has_suffix(t->str, "，"))
			g_string_append(t, "，");
		char *deed = g_strdup_printf("%s%s%s", d->what, value, d->unit);
		g_string_append(t, deed);
		if (quantities != NULL) {
			JsonObject *q = json_object_new();
			json_object_set_string_member(q, "value", value);
			json_object_set_string_member(q, "unit", d->unit);
			json_object_set_string_member(q, "context", d->what);
			json_object_set_string_member(q, "text", deed);
			json_array_add_object_element(quantities, q);
		}
		g_free(deed);
		g_free(value);
	}
	g_string_append(t, "。");
	return g_string_free(t, FALSE);
}

static void
vary_findings(guint64 *s, JsonArray *fs)
{
	for (guint i = 0; fs && i < json_array_get_length(fs); i++) {
		JsonObject *f = json_array_get_object_element(fs, i);
		const char *kind = json_object_get_string_member_with_default(f,
		    "kind", "");
		JsonArray *q = json_array_new();
		char *t;

		if (strcmp(kind, "problem") == 0)
			t = sentence(s, problems, G_N_ELEMENTS(problems), false,
			    q);
		else if (strcmp(kind, "measure") == 0)
			t = sentence(s, measures, G_N_ELEMENTS(measures), false,
			    q);
		else
			t = sentence(s, openings, G_N_ELEMENTS(openings), true,
			    q);
		set_str(f, "text", t);
		/* The template's figures were of its own sentence. */
		if (json_object_has_member(f, "quantities"))
			json_object_set_array_member(f, "quantities", q);
		else
			json_array_unref(q);
	}
}

/*
 * Money of o's key times k, written as it was (its decimals, its
 * thousands commas); a cell that is no number ("—") is left alone.
 */
static void
scale_money(JsonObject *o, const char *key, int k)
{
	const char *was = json_object_get_string_member_with_default(o, key,
	    NULL);
	char digits[64], *end;
	size_t n = 0;

	if (was == NULL)
		return;
	for (const char *p = was; *p && n + 1 < sizeof digits; p++)
		if (*p != ',')
			digits[n++] = *p;
	digits[n] = '\0';
	double v = g_ascii_strtod(digits, &end);
	if (n == 0 || *end != '\0')
		return;
	const char *dot = strchr(digits, '.');
	int dec = dot ? (int)strlen(dot + 1) : 0;
	char *plain = g_strdup_printf("%.*f", dec, v * k);
	if (strchr(was, ',') == NULL) {
		set_str(o, key, plain);
		return;
	}
	/* Group the whole part by threes again. */
	GString *t = g_string_new(NULL);
	const char *p = plain + (*plain == '-');
	size_t whole = strcspn(p, ".");
	g_string_append_len(t, plain, p - plain);
	for (size_t j = 0; j < whole; j++) {
		if (j > 0 && (whole - j) % 3 == 0)
			g_string_append_c(t, ',');
		g_string_append_c(t, p[j]);
	}
	g_string_append(t, p + whole);
	g_free(plain);
	set_str(o, key, g_string_free(t, FALSE));
}

/* Every row of o's array key: its money keys times k. */
static void
scale_rows(JsonObject *o, const char *key, const char *const *money_keys,
    int k)
{
	JsonArray *rows = json_object_has_member(o, key) ?
	    json_object_get_array_member(o, key) : NULL;

	for (guint i = 0; rows && i < json_array_get_length(rows); i++)
		for (const char *const *m = money_keys; *m; m++)
			scale_money(json_array_get_object_element(rows, i), *m,
			    k);
}

static bool
has_rows(JsonObject *o, const char *key)
{
	return json_object_has_member(o, key) &&
	    json_array_get_length(json_object_get_array_member(o, key)) > 0;
}

static void
vary(JsonObject *r, guint64 i, guint64 seed)
{
	guint64 s = (i + 1) * 0x9E3779B97F4A7C15ULL ^ seed;
	JsonObject *src = json_object_get_object_member(r, "source");
	JsonObject *f = json_object_get_object_member(r, "fields");
	char *id = g_strdup_printf("genrecords %" G_GUINT64_FORMAT " %"
	    G_GUINT64_FORMAT, seed, i);
	int year = 2015 + (int)(next(&s) % 10);
	const char *city = PICK(&s, cities), *county = PICK(&s, counties);

	set_str(src, "sha256", g_compute_checksum_for_string(G_CHECKSUM_SHA256,
	    id, -1));
	set_str(src, "path", g_strdup_printf("synthetic/%d/%s%s/%"
	    G_GUINT64_FORMAT ".pdf", year, city, county, i));
	json_object_set_int_member(src, "bytes", 40000 + next(&s) % 200000);
	g_free(id);
	if (json_object_has_member(r, "year") &&
	    !json_object_get_null_member(r, "year"))
		set_str(r, "year", g_strdup_printf("%d年度", year));
	if (f == NULL)
		return;
	set_str(f, "unit", g_strdup_printf("%s%s%s", city, county,
	    PICK(&s, agencies)));
	set_str(f, "project", g_strdup_printf("%d年%s", year,
	    PICK(&s, projects)));
	if (has_rows(r, "funds") || has_rows(r, "tasks")) {
		/*
		 * A department's form: its funds and tasks rows add up to
		 * its totals, so all its money is scaled alike, by a whole
		 * factor (no cent rounded), and its rates stay.
		 */
		static const char *const money_keys[] = { "budget_initial",
		    "budget", "executed", "initial", NULL };
		int k = 1 + (int)(next(&s) % 12);
		for (const char *const *m = money_keys; *m; m++)
			scale_money(f, *m, k);
		scale_rows(r, "funds", money_keys, k);
		scale_rows(r, "tasks", money_keys, k);
	} else {
		const char *b = json_object_get_string_member_with_default(f,
		    "budget", NULL);
		char *budget = money(&s, b, 10, 5000);
		double rate = 70 + (double)(next(&s) % 3000) / 100.0;
		set_str(f, "budget_initial", g_strdup(budget));
		set_str(f, "executed", g_strdup_printf("%.*f", b &&
		    strchr(b, '.') ? (int)strspn(strchr(b, '.') + 1,
		    "0123456789") : 2, g_ascii_strtod(budget, NULL) * rate /
		    100));
		set_str(f, "exec_rate", g_strdup_printf("%.2f%%", rate));
		set_str(f, "budget", budget);
	}
	set_str(f, "total_score", g_strdup_printf("%.2f",
	    60 + (double)(next(&s) % 4000) / 100.0));
	set_str(f, "goal_actual", sentence(&s, openings, G_N_ELEMENTS(openings),
	    true, NULL));
	vary_findings(&s, json_object_get_array_member(r, "findings"));
	JsonArray *sp = json_object_has_member(r, "subprojects") ?
	    json_object_get_array_member(r, "subprojects") : NULL;
	for (guint k = 0; sp && k < json_array_get_length(sp); k++)
		vary_findings(&s, json_object_get_array_member(
		    json_array_get_object_element(sp, k), "findings"));
}

int
main(int argc, char **argv)
{
	/* Kept as text: each record parses its own copy to change. */
	GPtrArray *tmpl = g_ptr_array_new_with_free_func(g_free);
	guint64 seed = 1, first = 0, n;
	int c;

	while ((c = getopt(argc, argv, "s:f:")) != -1) {
		switch (c) {
		case 's': seed = g_ascii_strtoull(optarg, NULL, 10) | 1; break;
		case 'f': first = g_ascii_strtoull(optarg, NULL, 10); break;
		default:
			fprintf(stderr, "usage: genrecords [-s SEED] [-f FIRST] N "
			    "TEMPLATE.jsonl...\n");
			return 2;
		}
	}
	if (argc - optind < 2) {
		fprintf(stderr, "usage: genrecords [-s SEED] [-f FIRST] N "
		    "TEMPLATE.jsonl...\n");
		return 2;
	}
	n = g_ascii_strtoull(argv[optind], NULL, 10);
	for (int a = optind + 1; a < argc; a++) {
		char *data, **lines;
		GError *e = NULL;
		if (!g_file_get_contents(argv[a], &data, NULL, &e)) {
			fprintf(stderr, "genrecords: %s\n", e->message);
			return 3;
		}
		lines = g_strsplit(data, "\n", -1);
		for (char **l = lines; *l; l++) {
			if (**l == '\0')
				continue;
			JsonNode *node = json_from_string(*l, &e);
			if (node == NULL || !JSON_NODE_HOLDS_OBJECT(node)) {
				fprintf(stderr, "genrecords: %s: not a record\n",
				    argv[a]);
				return 3;
			}
			json_node_unref(node);
			g_ptr_array_add(tmpl, g_strdup(*l));
		}
		g_strfreev(lines);
		g_free(data);
	}
	if (tmpl->len == 0) {
		fprintf(stderr, "genrecords: no templates\n");
		return 3;
	}
	for (guint64 i = first; i < first + n; i++) {
		JsonNode *r = json_from_string(tmpl->pdata[i % tmpl->len], NULL);
		vary(json_node_get_object(r), i, seed);
		char *line = json_to_string(r, FALSE);
		fputs(line, stdout);
		fputc('\n', stdout);
		g_free(line);
		json_node_unref(r);
	}
	g_ptr_array_free(tmpl, TRUE);
	return fflush(stdout) == 0 ? 0 : 1;
}
