-- Sample AIM v12 schema: a representative model of the legacy point-of-sale
-- database (not the vendor's DDL). Plain T-SQL accepted by SQL Server 2008 R2+
-- and by H2 in MODE=MSSQLServer. Statements end with ';' on their own line end.
-- Like many real AIM installs it declares primary keys but no foreign keys.

-- Slice 1: reference data
CREATE TABLE STORE (
    STORE_NO     SMALLINT      NOT NULL PRIMARY KEY,
    STORE_NAME   CHAR(30)      NOT NULL,
    ADDRESS      NVARCHAR(80)  NULL,
    PHONE        VARCHAR(30)   NULL,
    ACTIVE       CHAR(1)       NULL,
    OPENED       SMALLDATETIME NULL
);
CREATE TABLE EMPLOYEE (
    EMP_ID       INT           NOT NULL PRIMARY KEY,
    STORE_NO     SMALLINT      NOT NULL,
    FIRST_NAME   NVARCHAR(40)  NULL,
    LAST_NAME    NVARCHAR(40)  NULL,
    INITIALS     CHAR(4)       NULL,
    HIRE_DATE    DATETIME      NULL,
    ACTIVE       BIT           NULL,
    IS_MGR       CHAR(1)       NULL
);
CREATE TABLE TAXRATE (
    TAX_CODE     CHAR(6)       NOT NULL PRIMARY KEY,
    DESCRIPTION  VARCHAR(40)   NULL,
    RATE         DECIMAL(7,4)  NOT NULL
);
CREATE TABLE PAYTYPE (
    PAY_CODE     CHAR(4)       NOT NULL PRIMARY KEY,
    DESCRIPTION  VARCHAR(30)   NULL,
    IS_CASH      CHAR(1)       NULL,
    OPENS_DRAWER BIT           NULL
);
CREATE TABLE CATEGORY (
    CAT_CODE     CHAR(8)       NOT NULL PRIMARY KEY,
    DESCRIPTION  VARCHAR(40)   NULL,
    PARENT_CODE  CHAR(8)       NULL,
    TAXABLE      CHAR(1)       NULL
);

-- Slice 2: customers and their contacts
CREATE TABLE CUST (
    CUST_ID      INT           NOT NULL PRIMARY KEY,
    ACCT_NO      CHAR(10)      NULL,
    FIRST_NAME   NVARCHAR(40)  NULL,
    LAST_NAME    NVARCHAR(40)  NULL,
    COMPANY      NVARCHAR(60)  NULL,
    ADDRESS1     NVARCHAR(60)  NULL,
    CITY         NVARCHAR(40)  NULL,
    STATE        CHAR(2)       NULL,
    ZIP          CHAR(10)      NULL,
    PHONE1       VARCHAR(30)   NULL,
    PHONE2       VARCHAR(30)   NULL,
    EMAIL        VARCHAR(80)   NULL,
    BIRTH_DATE   DATETIME      NULL,
    CREATED      DATETIME      NULL,
    TAX_EXEMPT   CHAR(1)       NULL,
    DELETED      CHAR(1)       NULL,
    NOTES        NVARCHAR(MAX) NULL,
    ROW_GUID     UNIQUEIDENTIFIER NULL
);
CREATE TABLE CUSTCONT (
    CUST_ID      INT           NOT NULL,
    SEQ          SMALLINT      NOT NULL,
    CONTACT_NAME NVARCHAR(60)  NULL,
    RELATION     VARCHAR(20)   NULL,
    PHONE        VARCHAR(30)   NULL,
    EMAIL        VARCHAR(80)   NULL,
    PRIMARY KEY (CUST_ID, SEQ)
);

-- Slice 3: vendors, products, stock per store, serialized instruments
CREATE TABLE VENDOR (
    VENDOR_ID    INT           NOT NULL PRIMARY KEY,
    VENDOR_CODE  CHAR(8)       NULL,
    NAME         NVARCHAR(60)  NULL,
    PHONE        VARCHAR(30)   NULL,
    EMAIL        VARCHAR(80)   NULL,
    ACTIVE       CHAR(1)       NULL
);
CREATE TABLE INVMAST (
    ITEM_ID      INT           NOT NULL PRIMARY KEY,
    SKU          VARCHAR(20)   NOT NULL,
    DESCRIPTION  NVARCHAR(80)  NULL,
    CAT_CODE     CHAR(8)       NULL,
    VENDOR_ID    INT           NULL,
    COST         MONEY         NULL,
    PRICE        MONEY         NULL,
    TAXABLE      CHAR(1)       NULL,
    SERIALIZED   BIT           NULL,
    ACTIVE       CHAR(1)       NULL,
    DELETED      BIT           NULL,
    CREATED      DATETIME      NULL
);
CREATE TABLE INVSTORE (
    ITEM_ID      INT           NOT NULL,
    STORE_NO     SMALLINT      NOT NULL,
    ON_HAND      INT           NULL,
    ON_ORDER     INT           NULL,
    MIN_QTY      INT           NULL,
    BIN_LOC      CHAR(10)      NULL,
    PRIMARY KEY (ITEM_ID, STORE_NO)
);
CREATE TABLE SERIAL (
    SERIAL_ID    INT           NOT NULL PRIMARY KEY,
    ITEM_ID      INT           NOT NULL,
    SERIAL_NO    VARCHAR(30)   NULL,
    STORE_NO     SMALLINT      NULL,
    STATUS       CHAR(1)       NULL,
    RECEIVED     DATETIME      NULL,
    COST         MONEY         NULL
);

-- Slice 4: sales tickets, lines, payments (composite legacy keys: store + ticket)
CREATE TABLE TICKET (
    STORE_NO     SMALLINT      NOT NULL,
    TICKET_NO    INT           NOT NULL,
    TICKET_DATE  DATETIME      NOT NULL,
    CUST_ID      INT           NULL,
    EMP_ID       INT           NULL,
    SUBTOTAL     MONEY         NULL,
    TAX          MONEY         NULL,
    TOTAL        MONEY         NULL,
    VOIDED       CHAR(1)       NULL,
    NOTES        NVARCHAR(MAX) NULL,
    PRIMARY KEY (STORE_NO, TICKET_NO)
);
CREATE TABLE TKTLINE (
    STORE_NO     SMALLINT      NOT NULL,
    TICKET_NO    INT           NOT NULL,
    LINE_NO      SMALLINT      NOT NULL,
    ITEM_ID      INT           NULL,
    SKU          VARCHAR(20)   NULL,
    DESCRIPTION  NVARCHAR(80)  NULL,
    QTY          INT           NULL,
    UNIT_PRICE   MONEY         NULL,
    DISCOUNT     MONEY         NULL,
    EXT_PRICE    MONEY         NULL,
    TAX_CODE     CHAR(6)       NULL,
    SERIAL_ID    INT           NULL,
    PRIMARY KEY (STORE_NO, TICKET_NO, LINE_NO)
);
CREATE TABLE TKTPAY (
    STORE_NO     SMALLINT      NOT NULL,
    TICKET_NO    INT           NOT NULL,
    PAY_SEQ      SMALLINT      NOT NULL,
    PAY_CODE     CHAR(4)       NULL,
    AMOUNT       MONEY         NULL,
    PAID_AT      DATETIME      NULL,
    REF_NO       VARCHAR(30)   NULL,
    PRIMARY KEY (STORE_NO, TICKET_NO, PAY_SEQ)
);

-- Slice 5: rentals
CREATE TABLE SCHOOL (
    SCHOOL_ID    INT           NOT NULL PRIMARY KEY,
    NAME         NVARCHAR(60)  NULL,
    DISTRICT     NVARCHAR(60)  NULL,
    PHONE        VARCHAR(30)   NULL,
    ACTIVE       CHAR(1)       NULL
);
CREATE TABLE RENTCONT (
    CONTRACT_NO  INT           NOT NULL PRIMARY KEY,
    STORE_NO     SMALLINT      NOT NULL,
    CUST_ID      INT           NULL,
    SCHOOL_ID    INT           NULL,
    ITEM_ID      INT           NULL,
    SERIAL_ID    INT           NULL,
    START_DATE   DATETIME      NULL,
    END_DATE     DATETIME      NULL,
    MONTHLY_RATE MONEY         NULL,
    STATUS       CHAR(1)       NULL,
    NOTES        NVARCHAR(MAX) NULL
);
CREATE TABLE RENTPAY (
    CONTRACT_NO  INT           NOT NULL,
    PAY_SEQ      SMALLINT      NOT NULL,
    PAY_DATE     DATETIME      NULL,
    AMOUNT       MONEY         NULL,
    LATE_FEE     SMALLMONEY    NULL,
    PAY_CODE     CHAR(4)       NULL,
    PRIMARY KEY (CONTRACT_NO, PAY_SEQ)
);

-- Slice 6: repairs
CREATE TABLE REPAIR (
    RO_NO        INT           NOT NULL PRIMARY KEY,
    STORE_NO     SMALLINT      NOT NULL,
    CUST_ID      INT           NULL,
    TECH_ID      INT           NULL,
    INSTRUMENT   NVARCHAR(80)  NULL,
    SERIAL_NO    VARCHAR(30)   NULL,
    RECEIVED     DATETIME      NULL,
    PROMISED     DATETIME      NULL,
    COMPLETED    DATETIME      NULL,
    STATUS       CHAR(1)       NULL,
    ESTIMATE     MONEY         NULL,
    PROBLEM      NVARCHAR(MAX) NULL
);
CREATE TABLE REPLINE (
    RO_NO        INT           NOT NULL,
    LINE_NO      SMALLINT      NOT NULL,
    LINE_TYPE    CHAR(1)       NULL,
    ITEM_ID      INT           NULL,
    DESCRIPTION  NVARCHAR(80)  NULL,
    QTY          INT           NULL,
    UNIT_PRICE   MONEY         NULL,
    AMOUNT       MONEY         NULL,
    PRIMARY KEY (RO_NO, LINE_NO)
);

-- Slice 7: house accounts, gift cards, layaways, special orders
CREATE TABLE ARACCT (
    AR_ID        INT           NOT NULL PRIMARY KEY,
    CUST_ID      INT           NULL,
    CREDIT_LIMIT MONEY         NULL,
    BALANCE      MONEY         NULL,
    OPENED       DATETIME      NULL,
    STATUS       CHAR(1)       NULL
);
CREATE TABLE ARTRANS (
    AR_ID        INT           NOT NULL,
    TRANS_SEQ    INT           NOT NULL,
    TRANS_DATE   DATETIME      NULL,
    TRANS_TYPE   CHAR(1)       NULL,
    AMOUNT       MONEY         NULL,
    STORE_NO     SMALLINT      NULL,
    TICKET_NO    INT           NULL,
    MEMO         NVARCHAR(80)  NULL,
    PRIMARY KEY (AR_ID, TRANS_SEQ)
);
CREATE TABLE GIFTCARD (
    CARD_NO      VARCHAR(20)   NOT NULL PRIMARY KEY,
    STORE_NO     SMALLINT      NULL,
    ISSUED       DATETIME      NULL,
    INITIAL_AMT  MONEY         NULL,
    BALANCE      MONEY         NULL,
    CUST_ID      INT           NULL,
    ACTIVE       BIT           NULL
);
CREATE TABLE LAYAWAY (
    LAYAWAY_NO   INT           NOT NULL PRIMARY KEY,
    STORE_NO     SMALLINT      NOT NULL,
    CUST_ID      INT           NULL,
    ITEM_ID      INT           NULL,
    CREATED      DATETIME      NULL,
    EXPIRES      DATETIME      NULL,
    TOTAL        MONEY         NULL,
    STATUS       CHAR(1)       NULL
);
CREATE TABLE LAYPAY (
    LAYAWAY_NO   INT           NOT NULL,
    PAY_SEQ      SMALLINT      NOT NULL,
    PAY_DATE     DATETIME      NULL,
    AMOUNT       MONEY         NULL,
    PAY_CODE     CHAR(4)       NULL,
    PRIMARY KEY (LAYAWAY_NO, PAY_SEQ)
);
CREATE TABLE SPECORD (
    SO_NO        INT           NOT NULL PRIMARY KEY,
    STORE_NO     SMALLINT      NOT NULL,
    CUST_ID      INT           NULL,
    VENDOR_ID    INT           NULL,
    DESCRIPTION  NVARCHAR(120) NULL,
    ORDERED      DATETIME      NULL,
    DUE          DATETIME      NULL,
    DEPOSIT      MONEY         NULL,
    PRICE        MONEY         NULL,
    STATUS       CHAR(1)       NULL,
    NOTES        NVARCHAR(MAX) NULL
);
