/* fs/exec_images.c: the program images vmdb ships, shaped like Ubuntu
 * 10.04 (Lucid) i386 binaries, and their ELF headers (include/linux/elf.h,
 * fs/binfmt_elf.c reads the same fields).
 *
 * Each image is a list of PT_LOAD segments with the numbers a real
 * `readelf -l` shows for such a file: the text segment from file offset
 * 0 (so it holds the ELF header), the data segment at the next file
 * bytes and one page further in memory (GNU ld's DATA_SEGMENT_ALIGN:
 * vaddr = offset + 0x1000 above the text's base, so a page of the file
 * is never mapped twice at one address), bss where memsz passes filesz.
 * Lucid built everything with -z relro: PT_GNU_RELRO covers .ctors to
 * .got, ending on a page boundary, and ld.so makes that page read-only.
 *
 * With randomization off a Lucid shell shows (cat /proc/self/maps):
 *
 *	08048000-08054000 r-xp 00000000 08:01 ...  /bin/cat
 *	08054000-08055000 r--p 0000b000 08:01 ...  /bin/cat	(relro)
 *	08055000-08056000 rw-p 0000c000 08:01 ...  /bin/cat
 *	...         r-xp 00000000 ... /lib/tls/i686/cmov/libc-2.11.1.so
 *	...         ---p 00153000 ...   (the hole between the segments)
 *	...         r--p 00153000 ...   (relro: 2 pages)
 *	...         rw-p 00155000 ...
 *	...         rw-p 00000000 00:00 0   (libc's bss: 3 pages)
 *	b7fe3000-b7ffe000 r-xp 00000000 ... /lib/ld-2.11.1.so
 *	b7ffe000-b7fff000 r--p 0001a000 ... /lib/ld-2.11.1.so
 *	b7fff000-b8000000 rw-p 0001b000 ... /lib/ld-2.11.1.so
 *
 * The segment sizes below reproduce those page counts (text of cat 12
 * pages, libc 0x153 pages, ld.so 0x1b pages); the byte counts inside the
 * last page are chosen, not copied from the real files.  /bin/sh is
 * dash (Lucid's /bin/sh), /bin/hello-static a hand-assembled static
 * program: one page of text, a few bytes of data and 8 KiB of bss.
 */
#include "config.h"

#include <string.h>

#include "vmdb/fs.h"
#include "vmdb/mman.h"

#define RX	(PROT_READ | PROT_EXEC)
#define RW	(PROT_READ | PROT_WRITE)
#define LIBC	"/lib/tls/i686/cmov/libc-2.11.1.so"
#define LDSO	"/lib/ld-2.11.1.so"

const struct exec_image exec_images[] = {
	{
		.path = "/bin/cat", .interp = LDSO, .libs = { LIBC },
		.nr_segs = 2,
		.segs = {
			{ 0x08048000, 0x00000, 0xb5e4, 0xb5e4, RX },
			{ 0x08054f0c, 0x0bf0c, 0x01b8, 0x0354, RW },
		},
		.entry = 0x08049270,
		.relro_vaddr = 0x08054f0c, .relro_memsz = 0xf4,
	},
	{
		.path = "/bin/hello-static",
		.nr_segs = 2,
		.segs = {
			{ 0x08048000, 0x000, 0x0d2, 0x0d2, RX },
			{ 0x080490d4, 0x0d4, 0x010, 0x2010, RW },
		},
		.entry = 0x080480a0,
	},
	{
		.path = "/bin/sh", .interp = LDSO, .libs = { LIBC },
		.nr_segs = 2,
		.segs = {
			{ 0x08048000, 0x00000, 0x16b24, 0x16b24, RX },
			{ 0x0805ff0c, 0x16f0c, 0x002c0, 0x00a98, RW },
		},
		.entry = 0x08049f30,
		.relro_vaddr = 0x0805ff0c, .relro_memsz = 0xf4,
	},
	{
		.path = LDSO, .shared_object = true,
		.nr_segs = 2,
		.segs = {
			{ 0x00000, 0x00000, 0x1a5e4, 0x1a5e4, RX },
			{ 0x1bcc0, 0x1acc0, 0x007a0, 0x008b8, RW },
		},
		.entry = 0x850,
		.relro_vaddr = 0x1bcc0, .relro_memsz = 0x340,
	},
	{
		.path = LIBC, .shared_object = true,
		.nr_segs = 2,
		.segs = {
			{ 0x000000, 0x000000, 0x152b1c, 0x152b1c, RX },
			{ 0x1541dc, 0x1531dc, 0x002b50, 0x005abc, RW },
		},
		.entry = 0x16bd0,
		.relro_vaddr = 0x1541dc, .relro_memsz = 0x1e24,
	},
	{ .path = NULL },
};

const struct exec_image *
exec_image_find(const char *path)
{
	const struct exec_image *e;

	for (e = exec_images; e->path; e++)
		if (!strcmp(e->path, path))
			return e;
	return NULL;
}

u32
exec_image_size(const struct exec_image *e)
{
	u32 size = 0;
	int i;

	for (i = 0; i < e->nr_segs; i++)
		if (e->segs[i].offset + e->segs[i].filesz > size)
			size = e->segs[i].offset + e->segs[i].filesz;
	return size;
}

/* ---- ELF (include/linux/elf.h) ------------------------------------------ */

#define EHDR_SIZE	52
#define PHDR_SIZE	32
#define ET_EXEC		2
#define ET_DYN		3
#define EM_386		3
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_GNU_STACK	0x6474e551u
#define PT_GNU_RELRO	0x6474e552u
#define PF_X		1u
#define PF_W		2u
#define PF_R		4u

struct hdr_buf {
	u8 *buf;
	u32 len;
};

static void
put16(struct hdr_buf *h, u32 off, u32 v)
{
	if (off + 2 <= h->len) {
		h->buf[off] = (u8)v;
		h->buf[off + 1] = (u8)(v >> 8);
	}
}

static void
put32(struct hdr_buf *h, u32 off, u32 v)
{
	put16(h, off, v & 0xffff);
	put16(h, off + 2, v >> 16);
}

/* One Elf32_Phdr, the i-th. */
static void
put_phdr(struct hdr_buf *h, int i, u32 type, u32 offset, u32 vaddr,
	 u32 filesz, u32 memsz, u32 flags, u32 align)
{
	u32 o = EHDR_SIZE + (u32)i * PHDR_SIZE;

	put32(h, o, type);
	put32(h, o + 4, offset);
	put32(h, o + 8, vaddr);
	put32(h, o + 12, vaddr);	/* p_paddr */
	put32(h, o + 16, filesz);
	put32(h, o + 20, memsz);
	put32(h, o + 24, flags);
	put32(h, o + 28, align);
}

static u32
prot_to_pflags(u32 prot)
{
	return (prot & PROT_READ ? PF_R : 0) | (prot & PROT_WRITE ? PF_W : 0) |
	       (prot & PROT_EXEC ? PF_X : 0);
}

/* The file offset of a virtual address inside a segment's file bytes. */
static u32
vaddr_to_offset(const struct exec_image *e, u32 vaddr)
{
	int i;

	for (i = 0; i < e->nr_segs; i++)
		if (vaddr >= e->segs[i].vaddr &&
		    vaddr < e->segs[i].vaddr + e->segs[i].memsz)
			return vaddr - e->segs[i].vaddr + e->segs[i].offset;
	return 0;
}

u32
exec_image_header(const struct exec_image *e, u8 *buf, u32 len)
{
	struct hdr_buf h = { buf, len };
	bool dyn_exec = !e->shared_object && e->interp;
	int phnum = e->nr_segs + 1 + (dyn_exec ? 2 : 0) +
		    (e->relro_memsz ? 1 : 0);
	u32 interp_off = EHDR_SIZE + (u32)phnum * PHDR_SIZE;
	u32 interp_len = e->interp ? (u32)strlen(e->interp) + 1 : 0;
	u32 base = e->segs[0].vaddr;
	int i, n = 0;

	memset(buf, 0, len);
	if (len >= 16) {
		memcpy(buf, "\177ELF", 4);
		buf[4] = 1;		/* ELFCLASS32 */
		buf[5] = 1;		/* ELFDATA2LSB */
		buf[6] = 1;		/* EV_CURRENT */
	}
	put16(&h, 16, e->shared_object ? ET_DYN : ET_EXEC);
	put16(&h, 18, EM_386);
	put32(&h, 20, 1);		/* e_version */
	put32(&h, 24, e->entry);
	put32(&h, 28, EHDR_SIZE);	/* e_phoff */
	put16(&h, 40, EHDR_SIZE);
	put16(&h, 42, PHDR_SIZE);
	put16(&h, 44, (u32)phnum);
	put16(&h, 46, 40);		/* e_shentsize (no section headers) */
	if (dyn_exec) {
		put_phdr(&h, n++, PT_PHDR, EHDR_SIZE, base + EHDR_SIZE,
			 (u32)phnum * PHDR_SIZE, (u32)phnum * PHDR_SIZE,
			 PF_R | PF_X, 4);
		put_phdr(&h, n++, PT_INTERP, interp_off, base + interp_off,
			 interp_len, interp_len, PF_R, 1);
	}
	for (i = 0; i < e->nr_segs; i++) {
		const struct exec_segment *s = &e->segs[i];

		put_phdr(&h, n++, PT_LOAD, s->offset, s->vaddr, s->filesz,
			 s->memsz, prot_to_pflags(s->prot), PAGE_SIZE);
	}
	put_phdr(&h, n++, PT_GNU_STACK, 0, 0, 0, 0, PF_R | PF_W, 4);
	if (e->relro_memsz)
		put_phdr(&h, n++, PT_GNU_RELRO,
			 vaddr_to_offset(e, e->relro_vaddr), e->relro_vaddr,
			 e->relro_memsz, e->relro_memsz, PF_R, 1);
	if (dyn_exec && interp_off + interp_len <= len)
		memcpy(buf + interp_off, e->interp, interp_len);
	return interp_off + (dyn_exec ? interp_len : 0);
}
