//! Lists by index kept in one buffer (compressed rows), for the graph
//! passes that build a list per vertex once and read it many times: one
//! allocation instead of one per vertex.

/// Row `i` is `items[start[i]..start[i] + len[i]]`; its capacity runs to
/// `start[i + 1]`.
#[derive(Debug, Clone)]
pub(super) struct Rows {
    start: Vec<usize>,
    len: Vec<usize>,
    items: Vec<usize>,
}

impl Rows {
    /// `n` rows holding `pairs` (row, item), each row's items in the order
    /// given.
    pub fn build(n: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Rows {
        let mut start = vec![0; n + 1];
        for (row, _) in pairs.clone() {
            start[row + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut len = vec![0; n];
        let mut items = vec![0; start[n]];
        for (row, item) in pairs {
            items[start[row] + len[row]] = item;
            len[row] += 1;
        }
        Rows { start, len, items }
    }

    /// `n` empty rows with the capacities of `like`'s rows.
    pub fn empty_like(like: &Rows) -> Rows {
        Rows { start: like.start.clone(), len: vec![0; like.len.len()], items: vec![0; like.items.len()] }
    }

    pub fn row(&self, i: usize) -> &[usize] {
        &self.items[self.start[i]..self.start[i] + self.len[i]]
    }

    /// Appends to row `i` (within its capacity).
    pub fn push(&mut self, i: usize, item: usize) {
        assert!(self.start[i] + self.len[i] < self.start[i + 1], "row {i} is full");
        self.items[self.start[i] + self.len[i]] = item;
        self.len[i] += 1;
    }

    /// Removes the first `item` from row `i`, keeping the others' order.
    pub fn remove(&mut self, i: usize, item: usize) {
        let s = self.start[i];
        if let Some(at) = self.items[s..s + self.len[i]].iter().position(|&x| x == item) {
            self.items.copy_within(s + at + 1..s + self.len[i], s + at);
            self.len[i] -= 1;
        }
    }

    pub fn clear(&mut self) {
        self.len.iter_mut().for_each(|l| *l = 0);
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
