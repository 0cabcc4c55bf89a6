//! Gantt charts (`gantt`): sections of tasks on a time scale, dates read as
//! dayjs reads them.
//!
//! [`parse`] (mermaid's lexer rules and database, by hand) → [`model`] →
//! [`layout`] → [`draw`].
//!
//! Rule codes (AR6xx): AR600 a task name with no `: data`; AR601 a `:` with
//! no name before or no data after, a `;`; AR602 a task name starting with a
//! keyword; AR603 a start that is neither `after id` nor a date; AR604 task
//! data with more than three fields or only tags; AR605 a first task with no
//! start; AR606 an unclosed `accDescr {`; warnings: AR607 `after` naming no
//! task, AR608 a task that ends before it starts.

pub mod parse;
pub mod model;
pub mod layout;
pub mod draw;
