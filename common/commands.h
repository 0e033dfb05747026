/* The subcommands of bin/selfeval (see selfeval.c), each cmd_x(argc, argv). */
#ifndef SE_COMMANDS_H
#define SE_COMMANDS_H

int cmd_extract(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_templates(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_merge(int argc, char **argv);

#endif
