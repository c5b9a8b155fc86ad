//! Kept pages compressed once, for the clients that take gzip (every browser).
//!
//! Compressing a page as it is sent costs far more than sending it: with brotli, as actix's
//! middleware made it for every browser (quality 3, a 4 MB window each answer), the
//! contributions list fell from 58,000 answers a second to 630. A kept page is the same bytes
//! for thousands of readers, so it is compressed once, when a client that takes gzip first
//! asks for it, and each later reader gets those bytes.
//!
//! An anonymous page holds one thing of its reader, the CSRF token of the language chooser
//! (`web::pagecache`). So the page is compressed in pieces, between the places of the token:
//! each piece as raw deflate blocks of its own, flushed to a byte boundary, which can be
//! joined in any order. At sending, each place gets the reader's token as a stored
//! (uncompressed) block, the stream ends with an empty final block, and the gzip trailer's
//! CRC-32 is joined from the pieces' (RFC 1951 § 3.2.4, RFC 1952 § 2.3).

use std::io::Write;

use bytes::Bytes;
use flate2::Compression;
use flate2::write::DeflateEncoder;

/// The gzip header: deflate, no name, time or flags; an unknown system (RFC 1952).
const HEADER: [u8; 10] = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff];

/// An empty stored block marked final: the end of the deflate stream.
const END: [u8; 5] = [0x01, 0x00, 0x00, 0xff, 0xff];

/// A page compressed once, with the places a token of fixed length goes in left open.
#[derive(Debug)]
pub struct Gzipped {
    /// The whole member, when the page has no place for a token: sent as it is.
    whole: Option<Bytes>,
    /// The header and the first piece; then, for each place, the piece after it.
    pieces: Vec<Piece>,
    /// How long each token is: at most a stored block's 65,535 bytes.
    hole: u16,
    /// The length of the page without its tokens.
    plain_len: usize,
}

#[derive(Debug)]
struct Piece {
    deflated: Vec<u8>,
    crc: crc32fast::Hasher,
}

impl Gzipped {
    /// `text` compressed, its bytes at each of `holes` (`hole` long each, in order) left
    /// out to be filled in by [`with`](Self::with).
    pub fn new(text: &[u8], holes: &[usize], hole: usize) -> std::io::Result<Self> {
        let stored = u16::try_from(hole)
            .map_err(|_| std::io::Error::other("a place longer than a stored block"))?;
        let mut pieces = Vec::with_capacity(holes.len() + 1);
        let mut from = 0;
        for &at in holes {
            pieces.push(Piece::of(&text[from..at])?);
            from = at + hole;
        }
        pieces.push(Piece::of(&text[from..])?);
        let plain_len = text.len() - holes.len() * hole;
        let mut gzipped = Gzipped {
            whole: None,
            pieces,
            hole: stored,
            plain_len,
        };
        if holes.is_empty() {
            gzipped.whole = Some(Bytes::from(gzipped.joined(None)));
        }
        Ok(gzipped)
    }

    /// The gzip member of the page with `token` in each place, or `-`s where there is no
    /// token of the right length (a place is never left with another's bytes).
    pub fn with(&self, token: Option<&[u8]>) -> Bytes {
        match &self.whole {
            Some(whole) => whole.clone(),
            None => Bytes::from(self.joined(token)),
        }
    }

    fn joined(&self, token: Option<&[u8]>) -> Vec<u8> {
        let hole = usize::from(self.hole);
        let blank = vec![b'-'; hole];
        let filling = token.filter(|t| t.len() == hole).unwrap_or(&blank);
        let places = self.pieces.len() - 1;
        let size = self.pieces.iter().map(|p| p.deflated.len()).sum::<usize>()
            + places * (5 + hole)
            + HEADER.len()
            + END.len()
            + 8;
        let mut out = Vec::with_capacity(size);
        out.extend_from_slice(&HEADER);
        let mut crc = self.pieces[0].crc.clone();
        out.extend_from_slice(&self.pieces[0].deflated);
        let mut filled = crc32fast::Hasher::new();
        filled.update(filling);
        let len = self.hole;
        for piece in &self.pieces[1..] {
            // A stored block (BFINAL 0, BTYPE 00), its length and that length's complement.
            out.push(0);
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&(!len).to_le_bytes());
            out.extend_from_slice(filling);
            crc.combine(&filled);
            out.extend_from_slice(&piece.deflated);
            crc.combine(&piece.crc);
        }
        out.extend_from_slice(&END);
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        let total = self.plain_len + places * hole;
        // ISIZE is the length modulo 2^32.
        out.extend_from_slice(&(total as u32).to_le_bytes());
        out
    }

    /// The memory the compressed page takes.
    pub fn size(&self) -> usize {
        self.pieces.iter().map(|p| p.deflated.len()).sum::<usize>()
            + self.whole.as_ref().map_or(0, Bytes::len)
    }
}

impl Piece {
    /// `plain` as deflate blocks that end on a byte boundary and refer to nothing before
    /// them, none marked final.
    fn of(plain: &[u8]) -> std::io::Result<Self> {
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(plain)?;
        // A sync flush: the blocks so far, then an empty stored block, byte-aligned.
        encoder.flush()?;
        let deflated = std::mem::take(encoder.get_mut());
        // What dropping the encoder writes (a final block) goes into the emptied vector.
        drop(encoder);
        let mut crc = crc32fast::Hasher::new();
        crc.update(plain);
        Ok(Piece { deflated, crc })
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use flate2::read::GzDecoder;

    use super::*;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut decoder = GzDecoder::new(bytes);
        let mut out = Vec::new();
        decoder.read_to_end(&mut out).expect("a valid gzip member");
        // Nothing after the member: a browser would read no second one.
        assert!(decoder.into_inner().is_empty());
        out
    }

    /// The page as a reader would get it, the token in each place.
    fn filled(text: &str, holes: &[usize], token: &str) -> String {
        let mut page = text.to_string();
        for &at in holes {
            page.replace_range(at..at + token.len(), token);
        }
        page
    }

    #[test]
    fn a_page_without_places_is_the_same_bytes_for_everyone() {
        let text = "<p>Safe, orderly and regular migration</p>".repeat(200);
        let gzipped = Gzipped::new(text.as_bytes(), &[], 4).expect("compressed");
        let sent = gzipped.with(Some(b"abcd"));
        assert_eq!(gunzip(&sent), text.as_bytes());
        assert_eq!(sent, gzipped.with(None));
        assert!(sent.len() < text.len() / 10, "{} bytes", sent.len());
    }

    #[test]
    fn each_reader_gets_their_own_token_in_every_place() {
        let text = "XXXX<form>XXXX</form> الهجرة 移民 ".repeat(3) + "XXXX";
        let holes: Vec<usize> = text.match_indices("XXXX").map(|(at, _)| at).collect();
        assert_eq!(holes.first(), Some(&0), "a place at the very start");
        assert_eq!(
            holes.last(),
            Some(&(text.len() - 4)),
            "a place at the very end"
        );
        let gzipped = Gzipped::new(text.as_bytes(), &holes, 4).expect("compressed");
        for token in ["abcd", "wxyz"] {
            let page = gunzip(&gzipped.with(Some(token.as_bytes())));
            assert_eq!(
                String::from_utf8(page).expect("UTF-8"),
                filled(&text, &holes, token)
            );
        }
        // A token of another length is never put in: the places are blanked.
        let page = gunzip(&gzipped.with(Some(b"too long")));
        assert_eq!(
            String::from_utf8(page).expect("UTF-8"),
            filled(&text, &holes, "----")
        );
    }

    #[test]
    fn places_side_by_side_and_empty_pages_make_valid_members() {
        let text = "AAAABBBB";
        let gzipped = Gzipped::new(text.as_bytes(), &[0, 4], 4).expect("compressed");
        assert_eq!(gunzip(&gzipped.with(Some(b"1234"))), b"12341234");
        let empty = Gzipped::new(b"", &[], 4).expect("compressed");
        assert_eq!(gunzip(&empty.with(None)), b"");
    }
}
