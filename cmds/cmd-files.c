/* cmds/cmd-files.c: `files`: the table of simulated files. */
#include "config.h"

#include "vmdb/fs.h"

#include "cmd.h"

static int
files_exec(struct cmd_ctx *c, int argc, char **argv)
{
	show_files(c->m, c->out);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_files_entry = {
	.name = "files",
	.usage = "",
	.summary = "list the simulated files and their page cache",
	.help =
"files lists vmdb's simulated files: disk files by name, then the shmem\n"
"objects behind anonymous shared mappings. The columns: INODE (the number\n"
"/proc/PID/maps shows), DEV (08:01 the disk, 00:04 shmem), SIZE in bytes,\n"
"PAGES it spans, CACHED (pages in the page cache, the address_space's\n"
"nrpages), MAPS (VMAs mapping it), MAPPING (the kernel address of its\n"
"address_space, which is page->mapping of its cached pages; `-` while\n"
"the inode has not been read: a shipped file gets it when its first page\n"
"is cached) and NAME.\n"
"\n"
"vmdb boots with the program images `spawn` runs: /bin/sh (dash),\n"
"/bin/cat, /bin/hello-static, the dynamic loader /lib/ld-2.11.1.so and\n"
"/lib/tls/i686/cmov/libc-2.11.1.so, sized like Ubuntu 10.04's i386\n"
"binaries. `file create` adds files, `pagecache NAME` shows one file's\n"
"cached pages.\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = files_exec,
};
