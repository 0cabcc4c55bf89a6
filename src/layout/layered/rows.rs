//! Lists by index kept in one buffer (compressed rows), for the graph
//! passes that build a list per vertex once and read it many times: one
//! allocation instead of one per vertex.

/// Row `i` is `items[spans[i].0..spans[i].1]`; its room runs to the next
/// row's start.
#[derive(Debug, Clone)]
pub(super) struct Rows {
    spans: Vec<(usize, usize)>,
    items: Vec<usize>,
}

impl Rows {
    /// `n` rows holding `pairs` (row, item), each row's items in the order
    /// given.
    pub fn build(n: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Rows {
        let mut spans = vec![(0, 0); n];
        let mut counts = vec![0; n];
        for (row, _) in pairs.clone() {
            counts[row] += 1;
        }
        let mut at = 0;
        for (s, c) in spans.iter_mut().zip(&counts) {
            *s = (at, at);
            at += c;
        }
        let mut items = vec![0; at];
        for (row, item) in pairs {
            let s = &mut spans[row];
            items[s.1] = item;
            s.1 += 1;
        }
        Rows { spans, items }
    }

    /// Empty rows with the room of `like`'s rows.
    pub fn empty_like(like: &Rows) -> Rows {
        Rows { spans: like.spans.iter().map(|&(s, _)| (s, s)).collect(), items: vec![0; like.items.len()] }
    }

    pub fn row(&self, i: usize) -> &[usize] {
        let (s, e) = self.spans[i];
        &self.items[s..e]
    }

    /// Appends to row `i` (within its room).
    pub fn push(&mut self, i: usize, item: usize) {
        let room = self.spans.get(i + 1).map_or(self.items.len(), |s| s.0);
        let s = &mut self.spans[i];
        assert!(s.1 < room, "row {i} is full");
        self.items[s.1] = item;
        s.1 += 1;
    }

    /// Removes the first `item` from row `i`, keeping the others' order.
    pub fn remove(&mut self, i: usize, item: usize) {
        let (s, e) = self.spans[i];
        if let Some(at) = self.items[s..e].iter().position(|&x| x == item) {
            self.items.copy_within(s + at + 1..e, s + at);
            self.spans[i].1 -= 1;
        }
    }

    pub fn clear(&mut self) {
        self.spans.iter_mut().for_each(|s| s.1 = s.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_order_and_capacity() {
        let r = Rows::build(3, [(2, 7), (0, 1), (2, 8), (0, 4)].into_iter());
        assert_eq!((r.row(0), r.row(1), r.row(2)), (&[1, 4][..], &[][..], &[7, 8][..]));
        let mut t = Rows::empty_like(&r);
        t.push(2, 8);
        t.push(2, 7);
        t.push(0, 4);
        t.remove(2, 8);
        assert_eq!((t.row(0), t.row(2)), (&[4][..], &[7][..]));
        t.clear();
        assert!(t.row(2).is_empty());
    }

    #[test]
    #[should_panic(expected = "full")]
    fn a_full_row_refuses_more() {
        let mut t = Rows::empty_like(&Rows::build(2, [(0, 1)].into_iter()));
        t.push(0, 1);
        t.push(0, 2);
    }
}
